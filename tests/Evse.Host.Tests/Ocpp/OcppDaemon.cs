using Microsoft.Extensions.DependencyInjection;
using Evse.Ocpp.Configuration;
using Evse.Host.Tests.Support;
using Evse.Testing;
using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// The whole daemon in process (simulated board, fake clock) connected over a real WebSocket on 127.0.0.1 to a
/// scripted Central System. One per test; the Central System outlives daemon restarts.
/// </summary>
public sealed class OcppDaemon : IAsyncDisposable
{
    public const string ChargePointId = "CP-TEST-1";

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string> _extraSettings;

    private OcppDaemon(LoopbackCentralSystem centralSystem, FakeTimeProvider time, Dictionary<string, string> extraSettings)
    {
        CentralSystem = centralSystem;
        Time = time;
        _extraSettings = extraSettings;
    }

    public LoopbackCentralSystem CentralSystem { get; }

    public FakeTimeProvider Time { get; }

    public EvseAppFactory? App { get; private set; }

    public HttpClient Client { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    /// <summary>The station serial (generated per data directory), as /api/status shows it.</summary>
    public string SerialNumber { get; private set; } = string.Empty;

    public static async Task<OcppDaemon> StartAsync(IDictionary<string, string>? settings = null, Action<LoopbackCentralSystem>? script = null, bool startDaemon = true)
    {
        var centralSystem = await LoopbackCentralSystem.StartAsync();
        var time = new FakeTimeProvider();
        centralSystem.Clock = time.GetUtcNow;
        script?.Invoke(centralSystem);
        var daemon = new OcppDaemon(centralSystem, time, new Dictionary<string, string>(settings ?? new Dictionary<string, string>()));
        if (startDaemon)
        {
            await daemon.StartDaemonAsync();
        }

        return daemon;
    }

    /// <summary>OCPP keys set before each start; a test may change or clear them.</summary>
    public Dictionary<string, string> ScenarioConfiguration { get; } = new()
    {
        ["MinimumStatusDuration"] = "0",
        ["StopTxnSampledData"] = string.Empty,
        ["MeterValuesSampledData"] = "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage",
    };

    public IDictionary<string, string> Settings(string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string>(_extraSettings)
        {
            ["Ocpp:CentralSystemUrl"] = CentralSystem.BaseUrl.ToString(),
            ["Ocpp:ChargePointId"] = ChargePointId,
        };
        return settings;
    }

    /// <summary>Builds the daemon on the data directory and makes one request so that it runs.</summary>
    public async Task StartDaemonAsync(string? dataDirectory = null)
    {
        CurrentDataDirectory = dataDirectory ?? _data.Path;
        App = new EvseAppFactory(CurrentDataDirectory, Time, Settings());

        // These scenarios pin the message flow of the session itself. The status hold (seed 001 default 10 s) and the
        // stop's transactionData (seed 001 default energy register) have their own exact-JSON tests in
        // Evse.Ocpp.Tests (StatusNotificationTests, MeterValuesTests), so here they are switched off the way a
        // Central System would, through the OCPP configuration.
        var configuration = App.Services.GetRequiredService<ConfigurationService>();
        CentralSystem.Checker.MaxConnectorId = int.Parse(configuration.GetValue(OcppConfigurationKeys.NumberOfConnectors), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in ScenarioConfiguration)
        {
            configuration.TryChange(key, value, ConfigurationChangeOrigin.CentralSystem);
        }

        Client = App.CreateClient();
        var status = await DaemonApi.StatusAsync(Client);
        SerialNumber = status.GetProperty("station").GetProperty("serialNumber").GetString()!;
    }

    /// <summary>Graceful stop (SIGTERM), with the error-log check of <see cref="EvseAppFactory"/>.</summary>
    public async Task StopDaemonAsync()
    {
        Client?.Dispose();
        if (App is { } app)
        {
            await app.DisposeAsync();
        }

        App = null;
    }

    public Task AdvanceAsync(TimeSpan total, TimeSpan? step = null) => App!.AdvanceAsync(total, step);

    /// <summary>Moves the fake clock in steps until the Central System's frames satisfy the condition.</summary>
    public async Task AdvanceUntilAsync(Func<IReadOnlyList<CentralSystemFrame>, bool> condition, string what, TimeSpan? step = null, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (condition(CentralSystem.Frames))
            {
                return;
            }

            // Let the daemon act on the current instant before moving on: 20 ms (its own threads, e.g. a control loop,
            // are not in the pool), then until the thread pool has gone quiet (longer on a loaded machine) or the
            // condition holds, at most 2 s of real time.
            try
            {
                await CentralSystem.WaitForAsync(condition, what, 0.02);
                return;
            }
            catch (TimeoutException)
            {
            }

            await ThreadPoolQuiet.WaitAsync(TimeSpan.FromSeconds(2), () => condition(CentralSystem.Frames));
            if (condition(CentralSystem.Frames))
            {
                return;
            }

            await AdvanceAsync(step ?? TimeSpan.FromSeconds(1), step ?? TimeSpan.FromSeconds(1));
        }

        await CentralSystem.WaitForAsync(condition, what, 1);
    }

    /// <summary>The data directory the running (or last) daemon uses.</summary>
    public string CurrentDataDirectory { get; private set; } = string.Empty;

    /// <summary>
    /// A power cut at this instant: the link dies first (the Central System ignores anything later), then the database
    /// is copied as it is committed right now (SQLite online backup: exactly what a crash leaves on the disk), then the
    /// host is thrown away. Whatever its shutdown still writes lands in the old directory and is lost, as with a
    /// real cut. Returns the directory holding the surviving database, for the next start, and the error logs
    /// written before the cut.
    /// </summary>
    private static byte[] ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var from = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var bytes = new MemoryStream();
        from.CopyTo(bytes);
        return bytes.ToArray();
    }

    public async Task<(string DataDirectory, IReadOnlyList<string> Errors)> PowerCutAsync(int generation)
    {
        CentralSystem.SetOnline(false);
        var errors = App!.Logs.Errors.ToList();
        var next = Path.Combine(_data.Path, "gen" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(next);

        // What a cut leaves: the database and the outbox's delivered watermark (a memory-mapped file beside it) as they
        // were at one instant, as a kill finds them. The watermark is read before and after the database backup and the
        // pair is kept only when it did not change meanwhile (a mark landing mid-copy is retried), so neither names a
        // state the other has not reached yet.
        var watermark = Path.Combine(CurrentDataDirectory, Evse.Host.Storage.SqliteDatabase.FileName + ".delivered");
        var target = Path.Combine(next, Evse.Host.Storage.SqliteDatabase.FileName);
        for (var attempt = 1; ; attempt++)
        {
            var before = ReadShared(watermark);
            using (var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(CurrentDataDirectory, Evse.Host.Storage.SqliteDatabase.FileName)};Pooling=False"))
            using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Pooling=False"))
            {
                source.Open();
                copy.Open();
                source.BackupDatabase(copy);
            }

            var after = ReadShared(watermark);
            if (before.AsSpan().SequenceEqual(after))
            {
                if (after.Length > 0)
                {
                    File.WriteAllBytes(target + ".delivered", after);
                }

                break;
            }

            // The Central System is offline, so marks stop within a message or two; a pair that never holds still is a bug.
            if (attempt == 20)
            {
                throw new InvalidOperationException("The outbox watermark kept changing during 20 database backups after the Central System went offline.");
            }
        }

        App.ExpectErrors = true;
        await StopDaemonAsync();
        CentralSystem.SetOnline(true);
        return (next, errors);
    }

    /// <summary>
    /// Exempts one rule of the strict peer check for this test: only for the test's own scripted misbehaviour, and
    /// with the reason written down.
    /// </summary>
    public void AllowViolations(string rule, string reason) => CentralSystem.Checker.Exempt(rule, reason);

    /// <summary>Stops the daemon and the Central System, then asserts the strict peer check found nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopDaemonAsync();
        await CentralSystem.DisposeAsync();
        _data.Dispose();
        var violations = CentralSystem.Checker.Violations;
        Assert.True(violations.Count == 0, "A strict Central System objects to what the charge point sent:\n" + string.Join("\n", violations));
    }
}
