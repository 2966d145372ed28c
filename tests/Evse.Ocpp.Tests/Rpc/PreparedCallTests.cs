using Evse.Ocpp.Framing;
using Evse.Ocpp.Rpc;

namespace Evse.Ocpp.Tests.Rpc;

public class PreparedCallTests
{
    private const string Meter = """{"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"2026-01-05T08:00:00Z","sampledValue":[{"value":"61"}]}]}""";

    [Fact]
    public async Task CallPrepared_CallResult_SendsStoredJsonVerbatimAndReturnsConfirmationText()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallPreparedAsync("StartTransaction", """{"connectorId":1,"idTag":"04A1B2C3","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""", CancellationToken.None);
        var sent = await h.NextSentAsync();
        await h.DeliverAsync("""[3,"m1",{"idTagInfo":{"status":"Accepted"},"transactionId":42}]""");
        var outcome = await call;

        Assert.Equal("""[2,"m1","StartTransaction",{"connectorId":1,"idTag":"04A1B2C3","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}]""", sent);
        Assert.Equal(OcppCallStatus.Confirmed, outcome.Status);
        Assert.Equal("""{"idTagInfo":{"status":"Accepted"},"transactionId":42}""", outcome.ConfirmationJson);
    }

    [Fact]
    public async Task CallPrepared_ConfirmationBreaksSchema_InvalidConfirmationWithoutText()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallPreparedAsync("StartTransaction", """{"connectorId":1,"idTag":"A","meterStart":0,"timestamp":"2026-01-05T08:00:00Z"}""", CancellationToken.None);
        await h.NextSentAsync();
        await h.DeliverAsync("""[3,"m1",{"idTagInfo":{"status":"Accepted"}}]""");
        var outcome = await call;

        Assert.Equal(OcppCallStatus.InvalidConfirmation, outcome.Status);
        Assert.Null(outcome.ConfirmationJson);
    }

    [Fact]
    public async Task CallPrepared_CallError_CarriesCodeAndDescription()
    {
        await using var h = await RpcHarness.StartAsync();

        var call = h.Dispatcher.CallPreparedAsync("MeterValues", Meter, CancellationToken.None);
        await h.NextSentAsync();
        await h.DeliverAsync("""[4,"m1","InternalError","database down",{}]""");
        var outcome = await call;

        Assert.Equal(OcppCallStatus.CallError, outcome.Status);
        Assert.Equal(OcppErrorCode.InternalError, outcome.ErrorCode);
        Assert.Equal("database down", outcome.ErrorDescription);
    }

    [Fact]
    public async Task CallPrepared_Offline_DisconnectedAndNothingSent()
    {
        await using var h = await RpcHarness.StartAsync(online: false);

        var outcome = await h.Dispatcher.CallPreparedAsync("MeterValues", Meter, CancellationToken.None);

        Assert.Equal(OcppCallStatus.Disconnected, outcome.Status);
        Assert.False(h.TryReadSent(out _));
    }

    [Fact]
    public async Task CallPrepared_ActionTheCentralSystemSends_Throws()
    {
        await using var h = await RpcHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Dispatcher.CallPreparedAsync("RemoteStartTransaction", "{}", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Dispatcher.CallPreparedAsync("NoSuchAction", "{}", CancellationToken.None));
    }

    [Fact]
    public async Task CallPrepared_AfterTypedCall_SharesTheOneOutstandingCallTurn()
    {
        await using var h = await RpcHarness.StartAsync();

        var typed = h.Dispatcher.CallAsync(new Evse.Ocpp.Messages.HeartbeatRequest(), CancellationToken.None);
        var prepared = h.Dispatcher.CallPreparedAsync("MeterValues", Meter, CancellationToken.None);
        await h.NextSentAsync();
        await Task.Yield();
        Assert.False(h.TryReadSent(out _));
        await h.DeliverAsync("""[3,"m1",{"currentTime":"2026-01-05T08:00:00Z"}]""");
        var second = await h.NextSentAsync();
        await h.DeliverAsync("""[3,"m2",{}]""");

        Assert.StartsWith("""[2,"m2","MeterValues",""", second, StringComparison.Ordinal);
        Assert.True((await typed).IsConfirmed);
        Assert.Equal(OcppCallStatus.Confirmed, (await prepared).Status);
    }
}
