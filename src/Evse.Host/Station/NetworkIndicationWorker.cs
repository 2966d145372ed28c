using Evse.Core.Indication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Station;

/// <summary>
/// Feeds the display's network letter and the Central System link state into <see cref="StationActivity"/>. Both are
/// polled (every <see cref="Interval"/>, first at start): the route table has no change event we can read without
/// netlink, and a letter 2 s late is fine on a status display.
/// </summary>
public sealed partial class NetworkIndicationWorker(
    StationActivity activity,
    Func<NetworkKind> probe,
    Func<bool?> centralSystemOnline,
    TimeProvider time,
    ILogger<NetworkIndicationWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                Poll();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private void Poll()
    {
        try
        {
            activity.SetNetwork(probe());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogProbeFailed(ex);
            activity.SetNetwork(NetworkKind.None);
        }

        activity.SetCentralSystemOnline(centralSystemOnline());
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Network probe failed; the display shows no network")]
    private partial void LogProbeFailed(Exception ex);
}
