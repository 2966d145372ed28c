using Evse.Core.Ports.Hardware;

namespace Evse.Core.Charging;

/// <summary>What the state machine asks the control loop to do, in order.</summary>
public abstract record ConnectorCommand;

public sealed record OpenContactor : ConnectorCommand;

public sealed record CloseContactor : ConnectorCommand;

public sealed record SetPilot(PilotOutput Output) : ConnectorCommand;

/// <summary>Run the residual-current monitor self test; answer with <see cref="SelfTestCompleted"/>.</summary>
public sealed record RunSelfTest : ConnectorCommand;

/// <summary>Authorize the id (local list, cache, Central System); answer with <see cref="AuthorizationCompleted"/>.</summary>
public sealed record RequestAuthorization(string IdTag) : ConnectorCommand;

/// <summary>Store a new charging record durably; answer with <see cref="SessionRecorded"/>.</summary>
public sealed record BeginSession(string IdTag, DateTimeOffset StartedAt, double MeterStartWh) : ConnectorCommand;

/// <summary>Close the charging record.</summary>
public sealed record EndSession(long RecordId, DateTimeOffset StoppedAt, double MeterStopWh, StopReason Reason) : ConnectorCommand;

public sealed record Beep(BuzzerPattern Pattern) : ConnectorCommand;

public sealed record LockSocket : ConnectorCommand;

public sealed record UnlockSocket : ConnectorCommand;
