using Evse.Core.Ports.Hardware;

namespace Evse.Core.Control;

/// <summary>Station-wide parts one connector's protections watch: the card reader and the grid meter's freshness.</summary>
/// <param name="CardReader">Raises CardReaderOffline when it stops answering.</param>
/// <param name="GridMeterInstalled">Whether a grid meter is configured at all.</param>
/// <param name="LastGridSampleAt">When the grid meter last answered (Metering Communication Failure when stale).</param>
public sealed record StationWatch(ICardReader CardReader, bool GridMeterInstalled, Func<DateTimeOffset?> LastGridSampleAt);
