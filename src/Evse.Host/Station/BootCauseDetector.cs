using System.Globalization;
using Evse.Core.Scheduling;

namespace Evse.Host.Station;

/// <summary>
/// Why this run started. A marker file in the data directory lives while the daemon runs: found at start, the
/// previous run did not stop in order. With the system itself up for less than <see cref="RecentBoot"/> that
/// is a power failure (cold-load pickup applies); with the system up longer it was only the process.
/// </summary>
public sealed class BootCauseDetector(string dataDirectory, Func<TimeSpan?> systemUptime)
{
    public const string MarkerName = "running";

    public static readonly TimeSpan RecentBoot = TimeSpan.FromMinutes(10);

    public BootCauseDetector(string dataDirectory)
        : this(dataDirectory, ReadSystemUptime)
    {
    }

    private string MarkerPath => Path.Combine(dataDirectory, MarkerName);

    private BootCause? _cause;

    /// <summary>Judges the previous run and marks this one as running; later calls return the same cause.</summary>
    public BootCause Start() => _cause ??= Judge();

    private BootCause Judge()
    {
        var unclean = File.Exists(MarkerPath);
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(MarkerPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var freshSystem = systemUptime() is { } uptime && uptime < RecentBoot;
        return unclean && freshSystem ? BootCause.PowerFailure
            : freshSystem ? BootCause.PlannedRestart
            : BootCause.ProcessRestart;
    }

    /// <summary>This run stopped in order.</summary>
    public void Stop() => File.Delete(MarkerPath);

    private static TimeSpan? ReadSystemUptime()
    {
        try
        {
            var first = File.ReadAllText("/proc/uptime").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
