using Evse.Core.Charging;
using Evse.Core.Ports.Storage;
using Evse.Core.Protection;
using Microsoft.Extensions.Logging;

namespace Evse.Core.Control;

/// <summary>
/// The loop's side of the books: charging and fault records. Everything but a session's first row goes through
/// the <see cref="RecordWriter"/>, so the loop never waits for an fsync. A session's first row is written at once
/// because its id is the transaction the state machine waits for before it offers power; at that moment the
/// contactor is open (no session, no close), so no trip can be waiting behind it.
/// </summary>
internal sealed partial class ConnectorRecords
{
    private readonly int _connectorId;
    private readonly IChargingRecordStore _records;
    private readonly RecordWriter _writer;
    private readonly ControlLoopOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<FaultCode, FaultRecordChange> _openFaults = [];
    private readonly Dictionary<FaultCode, string> _faultDetails = [];
    private DateTimeOffset _lastProgressAt;

    public ConnectorRecords(int connectorId, IChargingRecordStore records, RecordWriter writer, ControlLoopOptions options, ILogger logger)
    {
        _connectorId = connectorId;
        _records = records;
        _writer = writer;
        _options = options;
        _logger = logger;
    }

    /// <summary>The protection's own words for a fault about to be raised; they become its record's description.</summary>
    public void NoteDetail(FaultCode code, string detail) => _faultDetails[code] = detail;

    public long BeginSession(BeginSession begin, DateTimeOffset now)
    {
        var recordId = _records.Begin(_connectorId, begin.IdTag, begin.StartedAt, begin.MeterStartWh);
        _lastProgressAt = now;
        return recordId;
    }

    /// <summary>Hands the running session's register to the writer every <see cref="ControlLoopOptions.ProgressInterval"/>.</summary>
    public void RecordProgressIfDue(ConnectorState state, DateTimeOffset now)
    {
        if (state.Session is { RecordId: { } recordId } && now - _lastProgressAt >= _options.ProgressInterval)
        {
            _writer.RecordProgress(recordId, state.MeterWh, now);
            _lastProgressAt = now;
        }
    }

    public void EndSession(EndSession end) => _writer.EndSession(end.RecordId, end.StoppedAt, end.MeterStopWh, end.Reason);

    /// <summary>Opens a record for each fault the step raised and closes the record of each it cleared.</summary>
    public void FaultsChanged(ConnectorState before, ConnectorState after, DateTimeOffset now)
    {
        if (ReferenceEquals(before.ActiveFaults, after.ActiveFaults))
        {
            return;
        }

        foreach (var added in after.ActiveFaults)
        {
            if (before.ActiveFaults.Contains(added))
            {
                continue;
            }

            var description = _faultDetails.Remove(added, out var detail) ? detail : FaultCatalog.Describe(added).Description;
            var opening = FaultRecordChange.Open(_connectorId, added, description, now);
            _openFaults[added] = opening;
            _writer.Write(opening);
            LogFaultRaised(added, description);
        }

        foreach (var removed in before.ActiveFaults)
        {
            if (after.ActiveFaults.Contains(removed))
            {
                continue;
            }

            if (_openFaults.Remove(removed, out var opening))
            {
                _writer.Write(opening.Close(now));
            }

            LogFaultCleared(removed);
        }
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Fault {Fault}: {Description}")]
    private partial void LogFaultRaised(FaultCode fault, string description);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Fault {Fault} cleared")]
    private partial void LogFaultCleared(FaultCode fault);
}
