using Evse.Core.Ports.Storage;

namespace Evse.Core.Control;

/// <summary>The stores a connector's control loop writes to.</summary>
public sealed record ConnectorStores(IChargingRecordStore Records, IFaultRecordStore Faults);
