using Evse.Core.Charging;
using Evse.Core.Indication;
using Evse.Core.Pilot;
using Evse.Core.Ports.Hardware;

namespace Evse.Core.Tests.Indication;

/// <summary>
/// Seed 000 Table 14 / seed 001 Table 19 / REQUIREMENTS §1 through the real station and indicator thread on the fake
/// clock: booting, firmware update, network letter and the buzzer's edges.
/// </summary>
public sealed class StationIndicationTests : IDisposable
{
    private readonly StationIndicationRig _rig = new();

    [Fact]
    public void RunAsync_UntilTheBootSelfTestAnswers_YellowFlashingInitializing_ThenGreenSteadyAvailable()
    {
        _rig.Start();
        Assert.True(_rig.WaitForFrame(_ => true), "no frame while booting");
        // The loop has started and published its status; only the self test is missing, so a few samples change nothing.
        _rig.Time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(SpinWait.SpinUntil(() => _rig.Connector.Snapshot.State.Status == ChargePointStatus.Available, StationIndicationRig.Patience));
        Assert.False(_rig.Station.Ready.IsCompleted);

        var booting = _rig.Display.Frames;
        Assert.All(booting, f => Assert.Equal(new StationIndicationRig.ShownFrame(LedPattern.YellowFlashing, new DisplayContent("INITIALIZING...", null, ' ')), f));

        _rig.ReleaseSelfTest();

        Assert.True(_rig.WaitForFrame(f => f.Led == LedPattern.GreenSteady && f.Display.StatusLine == "AVAILABLE"), $"after boot: {_rig.Display.Last}");
        Assert.True(_rig.Station.Ready.IsCompleted);
    }

    [Fact]
    public void Activity_FirmwareDownloadingThenInstallingThenDone_YellowFlashingWithTheStepOnTheDisplay_ThenNormal()
    {
        _rig.StartReady();

        _rig.Activity.SetFirmware(FirmwareActivity.Downloading);
        Assert.True(_rig.WaitForFrame(f => f.Led == LedPattern.YellowFlashing && f.Display == new DisplayContent("AVAILABLE", "DOWNLOADING FIRMWARE", ' ')), $"downloading: {_rig.Display.Last}");

        _rig.Activity.SetFirmware(FirmwareActivity.Installing);
        Assert.True(_rig.WaitForFrame(f => f.Led == LedPattern.YellowFlashing && f.Display.Detail == "INSTALLING FIRMWARE"), $"installing: {_rig.Display.Last}");

        _rig.Activity.SetFirmware(FirmwareActivity.None);
        Assert.True(_rig.WaitForFrame(f => f.Led == LedPattern.GreenSteady && f.Display.Detail is null), $"done: {_rig.Display.Last}");
    }

    [Theory]
    [InlineData(NetworkKind.Ethernet, 'E')]
    [InlineData(NetworkKind.WiFi, 'W')]
    [InlineData(NetworkKind.Lte, 'L')]
    [InlineData(NetworkKind.AccessPoint, 'A')]
    public void Activity_Network_TheDisplayShowsItsLetter(NetworkKind network, char letter)
    {
        _rig.StartReady();

        _rig.Activity.SetNetwork(network);

        Assert.True(_rig.WaitForFrame(f => f.Display.NetworkLetter == letter), $"{network}: {_rig.Display.Last}");
    }

    [Fact]
    public void Activity_CentralSystemLinkDownThenUp_OfflineOnTheSecondLineThenGone()
    {
        _rig.StartReady();
        _rig.Activity.SetNetwork(NetworkKind.Ethernet);

        _rig.Activity.SetCentralSystemOnline(false);
        Assert.True(_rig.WaitForFrame(f => f.Display == new DisplayContent("AVAILABLE", "OFFLINE", 'E') && f.Led == LedPattern.GreenSteady), $"offline: {_rig.Display.Last}");

        _rig.Activity.SetCentralSystemOnline(true);
        Assert.True(_rig.WaitForFrame(f => f.Display == new DisplayContent("AVAILABLE", null, 'E')), $"online: {_rig.Display.Last}");
    }

    [Fact]
    public void CardAccepted_OneBeepOf200Ms()
    {
        _rig.StartReady();

        _rig.Board.PresentCard("GOOD");

        Assert.Equal([(0, true), (200, false)], _rig.PlayedEdges(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CardRejected_TwoBeepsOf200MsStartingHalfASecondApart()
    {
        _rig.StartReady();

        _rig.Board.PresentCard("STRANGER");

        Assert.Equal([(0, true), (200, false), (500, true), (700, false)], _rig.PlayedEdges(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CardPresentedAgainToStop_OneBeepOf200Ms()
    {
        // Seed 004 §9: the card that started the session stops it with one beep.
        _rig.StartReady();
        _rig.Board.SimulatedConnectors[0].Ev.Set(PilotState.B);
        _rig.Board.PresentCard("GOOD");
        _rig.PlayedEdges(TimeSpan.FromMilliseconds(300));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_rig.Connector.Snapshot.State.Session is null && waited.Elapsed < StationIndicationRig.Patience)
        {
            _rig.Time.Advance(TimeSpan.FromMilliseconds(100));
            SpinWait.SpinUntil(() => _rig.Connector.Snapshot.State.Session is not null, TimeSpan.FromMilliseconds(50));
        }

        Assert.NotNull(_rig.Connector.Snapshot.State.Session);
        _rig.BuzzerOutput.Clear();

        _rig.Board.PresentCard("GOOD");

        Assert.Equal([(0, true), (200, false)], _rig.PlayedEdges(TimeSpan.FromSeconds(1)));
        Assert.True(SpinWait.SpinUntil(() => _rig.Connector.Snapshot.State.Session is null, StationIndicationRig.Patience), "the second card did not stop the session");
    }

    [Fact]
    public void CardWithNoConnectorToTakeIt_TwoBeepsFromTheStation()
    {
        // No connector can take the card (the only one is inoperative, so the station is Out of Service): the station itself refuses it.
        _rig.StartReady();
        _rig.Connector.Post(new AvailabilityChanged(false));
        Assert.True(SpinWait.SpinUntil(() => _rig.Connector.Snapshot.State.Status == ChargePointStatus.Unavailable, StationIndicationRig.Patience));
        Assert.True(_rig.WaitForFrame(f => f.Led == LedPattern.YellowFlashing && f.Display.StatusLine == "UNAVAILABLE" && f.Display.Detail == "OUT OF SERVICE"), $"out of service: {_rig.Display.Last}");

        _rig.Board.PresentCard("GOOD");

        Assert.Equal([(0, true), (200, false), (500, true), (700, false)], _rig.PlayedEdges(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void RunAsync_Stopped_YellowSteadyAsPowerOnDeviceUnavailable()
    {
        _rig.StartReady();

        _rig.Stop();

        Assert.Equal(LedPattern.YellowSteady, _rig.Board.StatusLed.Pattern);
    }

    public void Dispose() => _rig.Dispose();
}
