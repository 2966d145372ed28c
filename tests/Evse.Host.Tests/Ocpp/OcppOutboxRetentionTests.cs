using Evse.Host.Storage;
using Evse.Host.Tests.Support;
using Evse.Host.Workers;
using Evse.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Evse.Host.Tests.Ocpp;

/// <summary>The outbox retention through the whole daemon: a finished session's rows leave the database after the period.</summary>
public sealed class OcppOutboxRetentionTests
{
    [Fact]
    public async Task FinishedSession_AfterTheRetentionPeriod_OutboxRowsDeleted()
    {
        await using var daemon = await OcppDaemon.StartAsync(new Dictionary<string, string> { ["Ocpp:OutboxRetentionDays"] = "1" });
        await daemon.CentralSystem.WaitForAsync(f => f.Count(x => x.Action == "StatusNotification") >= 2, "boot and status");
        var answer = await daemon.CentralSystem.CallAsync("ChangeConfiguration", """{"key":"MeterValueSampleInterval","value":"60"}""");
        Assert.Equal("""{"status":"Accepted"}""", answer.PayloadJson);

        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await daemon.CentralSystem.WaitForAsync(f => f.Any(x => x.Action == "Authorize"), "Authorize");
        await OcppSessionScenarioTests.ChargeAsync(daemon, TimeSpan.FromMinutes(1));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await DaemonApi.WaitForStatusAsync(daemon.Client, "Finishing");
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/connectors/1/ev", new { state = "A" });
        await daemon.CentralSystem.WaitForAsync(f => OcppSessionScenarioTests.Answered(f, "StopTransaction"), "StopTransaction answered");
        var database = daemon.App!.Services.GetRequiredService<SqliteDatabase>().FilePath;

        // Start, MeterValues, Stop: delivered, and kept by the run shortly after start (the session was still young).
        var messages = OutboxRows(database).Messages;
        Assert.True(messages >= 2, $"outbox messages after the session: {messages}");
        Assert.Equal((messages, 1), OutboxRows(database));
        await daemon.AdvanceAsync(OutboxRetentionWorker.FirstRunDelay, TimeSpan.FromSeconds(10));
        Assert.Equal((messages, 1), OutboxRows(database));

        // The session ended before the first run, so the daily run one retention period (1 day) later finds it old enough.
        await daemon.AdvanceAsync(TimeSpan.FromDays(1), TimeSpan.FromMinutes(10));

        Assert.True(await RealClockWait.UntilAsync(() => OutboxRows(database) == (0, 0)), $"outbox rows after a day: {OutboxRows(database)}");
        Assert.Contains(
            daemon.App.Logs.Entries,
            e => e.Level == LogLevel.Information && e.Category == typeof(OutboxRetentionWorker).FullName && e.Message.Contains($"removed {messages} messages", StringComparison.Ordinal));
    }

    /// <summary>(messages, transactions) in the outbox tables, read beside the daemon (WAL lets a reader in).</summary>
    private static (long Messages, long Transactions) OutboxRows(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM outbox_messages), (SELECT COUNT(*) FROM outbox_transactions);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
