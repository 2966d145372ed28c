using System.Net.Http.Json;
using System.Text.Json;
using Evse.Hardware.Linux.Modbus;
using Evse.Host.Tests.Support;
using Evse.Testing.Serial;

namespace Evse.Host.Tests.Api;

/// <summary>
/// The daemon with a board file whose grid meter is a real serial device (an SDM630 answering on the other end
/// of a pseudo-terminal) and every other part simulated: the meter's readings show in /api/status.
/// </summary>
public sealed class RealGridMeterTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task BoardFileWithRealSdm630_StatusShowsTheMetersReadings()
    {
        using var pty = new PseudoTerminal();
        using var meter = new SimulatedSdmSlave(pty, 2);
        meter.SetFloat(SdmRegisters.PhaseVoltageL1, 231.5f);
        meter.SetFloat(SdmRegisters.PhaseVoltageL1 + 2, 229.25f);
        meter.SetFloat(SdmRegisters.PhaseVoltageL1 + 4, 233f);
        meter.SetFloat(SdmRegisters.CurrentL1, 12.5f);
        meter.SetFloat(SdmRegisters.CurrentL1 + 2, 3.25f);
        meter.SetFloat(SdmRegisters.CurrentL1 + 4, 0.5f);
        meter.SetFloat(SdmRegisters.Frequency, 49.98f);
        meter.SetFloat(SdmRegisters.ImportActiveEnergy, 1234.5f);
        var boardFile = Path.Combine(_data.Path, "board.json");
        await File.WriteAllTextAsync(boardFile, $$"""
            { "gridMeter": { "model": "SDM630", "serial": "{{pty.SlavePath}}", "baud": 9600, "parity": "none", "stopBits": 1, "address": 2 } }
            """);
        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Hardware:BoardFile"] = boardFile });
        using var client = app.CreateClient();

        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        var grid = await Eventually.GetAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative))).GetProperty("grid"),
            g => g.GetProperty("answering").GetBoolean(),
            "the grid meter to answer");

        Assert.Equal([231.5, 229.25, 233], grid.GetProperty("voltageVolts").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([12.5, 3.25, 0.5], grid.GetProperty("currentAmps").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(49.98, grid.GetProperty("frequencyHz").GetDouble(), 2);
        Assert.True(meter.Requests > 0);
    }

    [Fact]
    public void LinuxModeWithoutBoardFile_StopsWithAMessageNamingTheKey()
    {
        using var app = new EvseAppFactory(_data.Path, settings: new Dictionary<string, string> { ["Hardware:Mode"] = "Linux" }) { ExpectErrors = true };

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Hardware:BoardFile", error.ToString(), StringComparison.Ordinal);
    }
}
