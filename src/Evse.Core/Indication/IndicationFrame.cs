using Evse.Core.Ports.Hardware;

namespace Evse.Core.Indication;

/// <summary>What the station shows at one moment: the status LED's pattern and the display's content.</summary>
public sealed record IndicationFrame(LedPattern Led, DisplayContent Display);
