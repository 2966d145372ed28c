using Evse.Hardware.Linux.Chips;
using Evse.Hardware.Tests.Linux.Fakes;
using Evse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evse.Hardware.Tests.Linux.Chips;

public class Pn532Tests
{
    [Fact]
    public void Build_GetFirmwareVersion_MatchesManualExample()
    {
        // UM0701-02 §7.2.2 / §6.2.1.1: 00 00 FF 02 FE D4 02 2A 00.
        var frame = Pn532Frame.Build(Pn532Frame.HostToPn532, 0x02, []);

        Assert.Equal(new byte[] { 0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2A, 0x00 }, frame);
    }

    [Fact]
    public void TryFindFrame_NoiseBeforeFrame_FindsIt()
    {
        byte[] data = [0x55, 0x13, .. Pn532Frame.Build(Pn532Frame.Pn532ToHost, 0x03, [0x32, 0x01, 0x06, 0x07])];

        var length = Pn532Frame.TryFindFrame(data, out var start);

        Assert.Equal(3, start);
        Assert.Equal(11, length);
    }

    [Fact]
    public void TryGetFirmwareVersion_Chip_ReturnsIcVersionRevision()
    {
        var chip = new Pn532(new Pn532SerialTransport(new FakePn532Serial()));

        Assert.True(chip.TryGetFirmwareVersion(out var ic, out var version, out var revision));

        Assert.Equal((0x32, 1, 6), (ic, version, revision));
    }

    [Fact]
    public void TryConfigure_Chip_LimitsPassiveActivationRetries()
    {
        var fake = new FakePn532Serial();
        var chip = new Pn532(new Pn532SerialTransport(fake));

        Assert.True(chip.TryConfigure());

        Assert.Equal(new byte[] { 0x14, 0x32 }, fake.Commands);
        Assert.Equal(0x01, fake.MaxRetriesPassiveActivation);
    }

    [Fact]
    public void TryReadPassiveTarget_CardInField_ReturnsUid()
    {
        var fake = new FakePn532Serial { Card = [0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6] };
        var chip = new Pn532(new Pn532SerialTransport(fake));

        Assert.True(chip.TryReadPassiveTarget(out var uid));

        Assert.Equal(fake.Card, uid);
    }

    [Fact]
    public void TryReadPassiveTarget_CorruptChecksum_ReturnsFalse()
    {
        var chip = new Pn532(new Pn532SerialTransport(new FakePn532Serial { Card = [1, 2, 3, 4], CorruptResponses = true }));

        Assert.False(chip.TryReadPassiveTarget(out _));
    }

    [Fact]
    public void PollOnce_SameCardHeld_RaisesOncePerPresentation()
    {
        var fake = new FakePn532Serial();
        using var reader = Reader(fake);
        var seen = new List<string>();
        reader.CardPresented += (_, uid) => seen.Add(uid);

        reader.PollOnce();                       // configures
        fake.Card = [0x04, 0xA1, 0xB2, 0xC3];
        reader.PollOnce();
        reader.PollOnce();                       // still there
        fake.Card = null;
        reader.PollOnce();                       // taken away
        fake.Card = [0x04, 0xA1, 0xB2, 0xC3];
        reader.PollOnce();                       // presented again

        Assert.Equal(["04A1B2C3", "04A1B2C3"], seen);
    }

    [Fact]
    public void PollOnce_ChipStopsAnswering_GoesOfflineAfterThreeThenRecovers()
    {
        var fake = new FakePn532Serial();
        using var reader = Reader(fake);
        reader.PollOnce();
        Assert.True(reader.IsOnline);

        fake.Silent = true;
        reader.PollOnce();
        reader.PollOnce();
        var afterTwo = reader.IsOnline;
        reader.PollOnce();
        var afterThree = reader.IsOnline;
        fake.Silent = false;
        reader.PollOnce();

        Assert.True(afterTwo);
        Assert.False(afterThree);
        Assert.True(reader.IsOnline);
        Assert.Equal(0x02, fake.Commands[^3]); // re-configured from scratch after the outage
    }

    [Fact]
    public void Start_OwnTask_PollsOnTheClockAndStopsOnDispose()
    {
        var fake = new FakePn532Serial { Card = [0xDE, 0xAD, 0xBE, 0xEF] };
        var time = new FakeTimeProvider();
        var reader = new Pn532CardReader(new Pn532(new Pn532SerialTransport(fake)), time, NullLogger<Pn532CardReader>.Instance);
        using var presented = new ManualResetEventSlim();
        reader.CardPresented += (_, _) => presented.Set();

        reader.Start();
        Assert.True(SpinWait.SpinUntil(() => time.PendingTimers > 0, TimeSpan.FromSeconds(5)));  // configured, now waiting
        time.Advance(reader.PollPeriod);
        Assert.True(presented.Wait(TimeSpan.FromSeconds(5)));
        Assert.True(SpinWait.SpinUntil(() => time.PendingTimers > 0, TimeSpan.FromSeconds(5)));

        reader.Dispose();
        var commands = fake.Commands.Count;
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(commands, fake.Commands.Count);
        Assert.Equal(0, time.PendingTimers);
    }

    private static Pn532CardReader Reader(FakePn532Serial fake) =>
        new(new Pn532(new Pn532SerialTransport(fake)), new FakeTimeProvider(), NullLogger<Pn532CardReader>.Instance);
}
