namespace Evse.Core.Charging;

/// <summary>The result of one decision step: the new state and the commands to apply, in order.</summary>
public sealed record Decision(ConnectorState State, IReadOnlyList<ConnectorCommand> Commands);
