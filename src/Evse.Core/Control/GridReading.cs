using Evse.Core.Measurements;

namespace Evse.Core.Control;

/// <summary>The grid meter's last answer and when it came; null sample while it has never answered.</summary>
public sealed record GridReading(bool Installed, GridMeterSample? Sample, DateTimeOffset? At, bool Answering);
