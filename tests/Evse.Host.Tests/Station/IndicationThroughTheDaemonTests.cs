using Evse.Core.Control;
using Evse.Core.Indication;
using Evse.Core.Ports.Hardware;
using Evse.Hardware.Simulated;
using Evse.Host.Firmware;
using Evse.Host.Station;
using Evse.Host.Tests.Support;
using Evse.Ocpp.Messages;
using Evse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Evse.Host.Tests.Station;

/// <summary>The indicators of the whole daemon: booting until the loops are ready, then the normal status.</summary>
public sealed class IndicationThroughTheDaemonTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TaskCompletionSource _selfTestGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _selfTestGate.TrySetResult();
        _data.Dispose();
    }

    [Fact]
    public async Task Start_UntilTheBootSelfTestAnswers_BoardShowsBooting_ThenAvailable()
    {
        using var app = new EvseAppFactory(_data.Path, services: s => s.AddSingleton<IStationHardware>(sp => new GatedBoard(sp.GetRequiredService<SimulatedBoard>(), _selfTestGate.Task)));
        using var client = app.CreateClient();
        var board = app.Services.GetRequiredService<SimulatedBoard>();
        var station = app.Services.GetRequiredService<StationController>();

        await Eventually.True(() => board.DisplayContent.StatusLine == "INITIALIZING...", $"the booting frame (display {board.DisplayContent})");
        Assert.Equal(LedPattern.YellowFlashing, board.StatusLed.Pattern);
        Assert.False(station.Ready.IsCompleted);

        _selfTestGate.SetResult();

        await Eventually.True(() => board.StatusLed.Pattern == LedPattern.GreenSteady && board.DisplayContent.StatusLine == "AVAILABLE", $"Available after boot (LED {board.StatusLed.Pattern}, display {board.DisplayContent})");
        Assert.True(station.Ready.IsCompleted);
    }

    [Theory]
    [InlineData(FirmwareStatus.Downloading, FirmwareActivity.Downloading)]
    [InlineData(FirmwareStatus.Downloaded, FirmwareActivity.Downloading)]
    [InlineData(FirmwareStatus.Installing, FirmwareActivity.Installing)]
    [InlineData(FirmwareStatus.Installed, FirmwareActivity.None)]
    [InlineData(FirmwareStatus.DownloadFailed, FirmwareActivity.None)]
    [InlineData(FirmwareStatus.InstallationFailed, FirmwareActivity.None)]
    [InlineData(FirmwareStatus.Idle, FirmwareActivity.None)]
    public void FirmwareIndication_Step_ShowsAsItsActivity(FirmwareStatus status, FirmwareActivity expected) =>
        Assert.Equal(expected, FirmwareIndication.For(status));

    private sealed class GatedBoard(SimulatedBoard board, Task gate) : IStationHardware
    {
        public IReadOnlyList<IConnectorHardware> Connectors { get; } = [.. board.Connectors.Select(c => new SelfTestGatedConnector(c, gate))];

        public IDipSwitch DipSwitch => board.DipSwitch;

        public IStatusLed StatusLed => board.StatusLed;

        public IBuzzer Buzzer => board.Buzzer;

        public ICardReader CardReader => board.CardReader;

        public IDisplay Display => board.Display;

        public ISupplyMonitor Supply => board.Supply;

        public IGridMeter? GridMeter => board.GridMeter;
    }
}
