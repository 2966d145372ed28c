namespace Evse.Host.Options;

/// <summary>
/// One entry of <c>Station:BoostTimers</c> (seed 004 §10 "Boost timer"): a window, in the station's time zone,
/// in which ECO and ECO+ charge as FAST.
/// </summary>
public sealed class BoostTimerOptions
{
    /// <summary>"HHMM", inclusive (e.g. "0100").</summary>
    public string Start { get; set; } = string.Empty;

    /// <summary>"HHMM", exclusive, after <see cref="Start"/> on the same day (e.g. "0600").</summary>
    public string End { get; set; } = string.Empty;

    /// <summary>"Daily" (the app's "Every Day", the default) or "Once" (the app's "Only Once", needs <see cref="Date"/>).</summary>
    public string Repeat { get; set; } = "Daily";

    /// <summary>"yyyy-MM-dd": the day of a "Once" timer; ignored for "Daily".</summary>
    public string? Date { get; set; }

    /// <summary>The app's on/off switch of a timer; a disabled timer still counts for the overlap check.</summary>
    public bool Enabled { get; set; } = true;
}
