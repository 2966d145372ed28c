using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Evse.Host.Tests.Support;
using Evse.Testing.Ocpp;
using Microsoft.Data.Sqlite;

namespace Evse.Host.Tests.Ocpp;

/// <summary>
/// A session cut by a power loss between two charging-record progress writes (the shipping 5 s interval) while
/// MeterValues go out every second: the StopTransaction sent at the next boot and the charging record must agree, and
/// neither may contradict a MeterValues the Central System already holds.
/// </summary>
public sealed class OcppPowerLossStopTests
{
    [Fact]
    public async Task PowerCut_AfterMeterValuesNewerThanRecordProgress_StopAndRecordCarryLastMeterValue()
    {
        await using var daemon = await OcppSessionScenarioTests.BootedAsync(("MeterValueSampleInterval", "1"));
        await DaemonApi.PostAsync(daemon.Client, "/api/sim/rfid", new { uid = "04A1B2C3" });
        await daemon.CentralSystem.WaitForAsync(f => f.Any(x => x.Action == "Authorize"), "Authorize");
        await OcppSessionScenarioTests.ChargeAsync(daemon, TimeSpan.FromSeconds(8));

        // The newest reading must have reached the Central System: its MeterValues (and so its durable mark) exist.
        var lastReadingAt = daemon.Time.GetUtcNow() - TimeSpan.FromSeconds(1);
        await daemon.CentralSystem.WaitForAsync(f => MeterValues(f).Any(m => m.At >= lastReadingAt), "a MeterValues of the last second");
        var cutAt = daemon.Time.GetUtcNow();
        var (next, errors) = await daemon.PowerCutAsync(1);
        Assert.Empty(errors);
        var beforeCut = MeterValues(daemon.CentralSystem.Frames);
        var lastAt = beforeCut.Max(m => m.At);
        var highestWh = beforeCut.Max(m => m.Wh);

        // The cut must land where the defect lived: the record's last progress older and lower than the last MeterValues.
        var (progressAt, progressWh) = OpenRecordProgress(next);
        Assert.True(progressAt < lastAt, $"record progress {progressAt:O} not older than the last MeterValues {lastAt:O}");
        Assert.True(progressWh < highestWh, $"record progress {progressWh} Wh not below the last MeterValues {highestWh} Wh");

        await daemon.StartDaemonAsync(next);
        await daemon.AdvanceUntilAsync(f => OcppSessionScenarioTests.Answered(f, "StopTransaction"), "the PowerLoss StopTransaction");

        // A reading queued just before the cut may reach the Central System only after the boot, still before the stop.
        var reported = MeterValues(daemon.CentralSystem.Frames);
        lastAt = reported.Max(m => m.At);
        highestWh = reported.Max(m => m.Wh);
        var stop = daemon.CentralSystem.Frames.Last(f => f.FromChargePoint && f.Action == "StopTransaction").Payload;
        Assert.Equal("PowerLoss", stop["reason"]!.GetValue<string>());
        var stopAt = DateTimeOffset.Parse(stop["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        // Never before a value the Central System holds, never after the cut (a mark can be durable a moment before
        // its MeterValues is: then the stop is that reading's, later than the last value received).
        Assert.InRange(stopAt, lastAt, cutAt);
        Assert.True(stop["meterStop"]!.GetValue<int>() >= Math.Round(highestWh), $"meterStop {stop["meterStop"]} below the highest MeterValues register {highestWh} Wh");

        var records = await daemon.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/records", UriKind.Relative));
        var record = records.EnumerateArray().Single(r => r.GetProperty("stopReason").GetString() == "PowerLoss");
        Assert.Equal(stop["meterStop"]!.GetValue<int>(), (int)Math.Round(record.GetProperty("meterStopWh").GetDouble()));
        Assert.Equal(stopAt, record.GetProperty("stoppedAt").GetDateTimeOffset());
    }

    /// <summary>Every transaction MeterValue's timestamp and energy register the Central System received.</summary>
    private static List<(DateTimeOffset At, double Wh)> MeterValues(IReadOnlyList<CentralSystemFrame> frames) =>
    [
        .. frames.Where(f => f.FromChargePoint && f.Action == "MeterValues" && f.Payload["transactionId"] is not null)
            .SelectMany(f => f.Payload["meterValue"]!.AsArray())
            .Select(v => (
                DateTimeOffset.Parse(v!["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                double.Parse(
                    v["sampledValue"]!.AsArray().First(s => (s!["measurand"]?.GetValue<string>() ?? "Energy.Active.Import.Register") == "Energy.Active.Import.Register")!["value"]!.GetValue<string>(),
                    CultureInfo.InvariantCulture))),
    ];

    /// <summary>The open charging record's last progress as the cut left it on the disk.</summary>
    private static (DateTimeOffset At, double Wh) OpenRecordProgress(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, Evse.Host.Storage.SqliteDatabase.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_updated_at, meter_last_wh FROM charging_records WHERE stopped_at IS NULL;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "no open charging record survived the cut");
        return (Evse.Host.Storage.SqliteDatabase.ParseStamp(reader.GetString(0)), reader.GetDouble(1));
    }
}
