using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Rpc;

public class IncomingCallTests
{
    private static DelegateHandler<ResetRequest, ResetConfirmation> AcceptReset() =>
        new((_, _) => ValueTask.FromResult<OcppHandlerResult<ResetConfirmation>>(new ResetConfirmation { Status = ResetStatus.Accepted }));

    [Fact]
    public async Task Call_RegisteredHandler_AnswersCallResultWithSameId()
    {
        var reset = AcceptReset();
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(reset));

        await h.DeliverAsync("[2,\"cs-1\",\"Reset\",{\"type\":\"Soft\"}]");

        Assert.Equal("[3,\"cs-1\",{\"status\":\"Accepted\"}]", await h.NextSentAsync());
        Assert.Equal(ResetType.Soft, Assert.Single(reset.Received).Type);
        Assert.Empty(h.Logger.EventIds(LogLevel.Error));
    }

    [Theory]
    [InlineData("[2,\"a\",\"UnlockConnector\",{\"connectorId\":1}]", "NotSupported")]
    [InlineData("[2,\"a\",\"FlyToTheMoon\",{}]", "NotImplemented")]
    [InlineData("[2,\"a\",\"reset\",{\"type\":\"Soft\"}]", "NotImplemented")]
    [InlineData("[2,\"a\",\"Reset\",{}]", "OccurenceConstraintViolation")]
    [InlineData("[2,\"a\",\"Reset\",{\"type\":1}]", "TypeConstraintViolation")]
    [InlineData("[2,\"a\",\"Reset\",{\"type\":\"Medium\"}]", "PropertyConstraintViolation")]
    [InlineData("[2,\"a\",\"Reset\",{\"type\":\"Soft\",\"when\":\"now\"}]", "FormationViolation")]
    public async Task Call_Refused_AnswersCallErrorWithExpectedCode(string frame, string code)
    {
        var reset = AcceptReset();
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(reset));

        await h.DeliverAsync(frame);

        Assert.StartsWith($"[4,\"a\",\"{code}\",", await h.NextSentAsync(), StringComparison.Ordinal);
        Assert.Empty(reset.Received);
    }

    [Fact]
    public void Register_ChargePointOnlyActionOrTwice_Throws()
    {
        var boot = new DelegateHandler<BootNotificationRequest, BootNotificationConfirmation>((_, _) => throw new InvalidOperationException());
        var registry = new OcppHandlerRegistry().Register(AcceptReset());

        Assert.Throws<ArgumentException>(() => registry.Register(boot));
        Assert.Throws<ArgumentException>(() => registry.Register(AcceptReset()));
        Assert.Equal(["Reset"], registry.Actions);
    }

    [Fact]
    public async Task Call_DataTransferBothWays_CanBeHandled()
    {
        var handler = new DelegateHandler<DataTransferRequest, DataTransferConfirmation>((r, _) =>
            ValueTask.FromResult<OcppHandlerResult<DataTransferConfirmation>>(new DataTransferConfirmation { Status = DataTransferStatus.Accepted, Data = r.Data }));
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));

        await h.DeliverAsync("[2,\"d\",\"DataTransfer\",{\"vendorId\":\"acme\",\"data\":\"ping\"}]");

        Assert.Equal("[3,\"d\",{\"status\":\"Accepted\",\"data\":\"ping\"}]", await h.NextSentAsync());
    }

    [Fact]
    public async Task Call_IdLongerThan36_AnsweredFormationViolationToThatId()
    {
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(AcceptReset()));
        var id = new string('7', 37);

        await h.DeliverAsync($"[2,\"{id}\",\"Reset\",{{\"type\":\"Soft\"}}]");

        Assert.StartsWith($"[4,\"{id}\",\"FormationViolation\",", await h.NextSentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_IntegerWrittenAsWholeDecimal_IsAcceptedAsDraft07Says()
    {
        var handler = new DelegateHandler<ChangeAvailabilityRequest, ChangeAvailabilityConfirmation>((_, _) =>
            ValueTask.FromResult<OcppHandlerResult<ChangeAvailabilityConfirmation>>(new ChangeAvailabilityConfirmation { Status = AvailabilityStatus.Scheduled }));
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));

        await h.DeliverAsync("[2,\"a\",\"ChangeAvailability\",{\"connectorId\":2.0,\"type\":\"Inoperative\"}]");

        Assert.Equal("[3,\"a\",{\"status\":\"Scheduled\"}]", await h.NextSentAsync());
        Assert.Equal(2, Assert.Single(handler.Received).ConnectorId);
    }

    [Fact]
    public async Task Call_HandlerThrows_AnswersInternalErrorAndLogsError()
    {
        var handler = new DelegateHandler<ResetRequest, ResetConfirmation>((_, _) => throw new InvalidOperationException("boom"));
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));
        h.ExpectedErrors.Add(4104);

        await h.DeliverAsync("[2,\"a\",\"Reset\",{\"type\":\"Hard\"}]");

        Assert.StartsWith("[4,\"a\",\"InternalError\",", await h.NextSentAsync(), StringComparison.Ordinal);
        Assert.Contains(4104, h.Logger.EventIds(LogLevel.Error));
    }

    [Fact]
    public async Task Call_HandlerReturnsSchemaBreakingConfirmation_AnswersInternalErrorNotTheInvalidFrame()
    {
        var handler = new DelegateHandler<GetConfigurationRequest, GetConfigurationConfirmation>((_, _) =>
            ValueTask.FromResult<OcppHandlerResult<GetConfigurationConfirmation>>(new GetConfigurationConfirmation
            {
                ConfigurationKey = [new KeyValue { Key = new string('K', 51), Readonly = true }],
            }));
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));
        h.ExpectedErrors.Add(4105);

        await h.DeliverAsync("[2,\"a\",\"GetConfiguration\",{}]");

        Assert.StartsWith("[4,\"a\",\"InternalError\",", await h.NextSentAsync(), StringComparison.Ordinal);
        Assert.Contains(4105, h.Logger.EventIds(LogLevel.Error));
    }

    [Fact]
    public async Task Call_HandlerChoosesError_AnswersThatError()
    {
        var handler = new DelegateHandler<ResetRequest, ResetConfirmation>((_, _) =>
            ValueTask.FromResult(OcppHandlerResult<ResetConfirmation>.Error(OcppErrorCode.SecurityError, "Not accepted by the Central System yet")));
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));

        await h.DeliverAsync("[2,\"a\",\"Reset\",{\"type\":\"Hard\"}]");

        Assert.Equal("[4,\"a\",\"SecurityError\",\"Not accepted by the Central System yet\",{}]", await h.NextSentAsync());
    }

    [Fact]
    public async Task Call_HandlerAwaitsItsOwnCall_DoesNotDeadlock()
    {
        RpcHarness? harness = null;
        var handler = new DelegateHandler<TriggerMessageRequest, TriggerMessageConfirmation>(async (_, ct) =>
        {
            var heartbeat = await harness!.Dispatcher.CallAsync(new HeartbeatRequest(), ct);
            return new TriggerMessageConfirmation { Status = heartbeat.IsConfirmed ? TriggerMessageStatus.Accepted : TriggerMessageStatus.Rejected };
        });
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(handler));
        harness = h;

        await h.Transport.DeliverAsync("[2,\"t\",\"TriggerMessage\",{\"requestedMessage\":\"Heartbeat\"}]");
        var heartbeatFrame = await h.NextSentAsync();
        await h.Transport.DeliverAsync("[3,\"m1\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]");
        await h.Dispatcher.IncomingCallsDrained;

        Assert.StartsWith("[2,\"m1\",\"Heartbeat\"", heartbeatFrame, StringComparison.Ordinal);
        Assert.Equal("[3,\"t\",{\"status\":\"Accepted\"}]", await h.NextSentAsync());
    }

    [Fact]
    public async Task Call_SeveralInARow_AreAnsweredInArrivalOrder()
    {
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(AcceptReset()));

        for (var i = 0; i < 10; i++)
        {
            await h.Transport.DeliverAsync($"[2,\"r{i}\",\"Reset\",{{\"type\":\"Soft\"}}]");
        }

        await h.Dispatcher.IncomingCallsDrained;
        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith($"[3,\"r{i}\"", await h.NextSentAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("not json", "[4,\"-1\",\"FormationViolation\",")]
    [InlineData("{}", "[4,\"-1\",\"FormationViolation\",")]
    [InlineData("[]", "[4,\"-1\",\"FormationViolation\",")]
    [InlineData("[\"x\",\"id7\",\"Reset\",{}]", "[4,\"id7\",\"FormationViolation\",")]
    [InlineData("[2,42,\"Reset\",{}]", "[4,\"-1\",\"FormationViolation\",")]
    [InlineData("[2,\"id7\",\"Reset\"]", "[4,\"id7\",\"FormationViolation\",")]
    [InlineData("[2,\"id7\",\"Reset\",\"type=Soft\"]", "[4,\"id7\",\"FormationViolation\",")]
    [InlineData("[7,\"id7\",\"Reset\",{}]", "[4,\"id7\",\"ProtocolError\",")]
    public async Task OnMessage_MalformedPossibleCall_AnswersCallError(string frame, string expectedPrefix)
    {
        await using var h = await RpcHarness.StartAsync(new OcppHandlerRegistry().Register(AcceptReset()));

        await h.DeliverAsync(frame);

        Assert.StartsWith(expectedPrefix, await h.NextSentAsync(), StringComparison.Ordinal);
        Assert.Empty(h.Logger.EventIds(LogLevel.Error));
    }

    [Theory]
    [InlineData("[3,\"id7\"]")]
    [InlineData("[3,\"id7\",[]]")]
    [InlineData("[3,5,{}]")]
    [InlineData("[4,\"id7\",\"GenericError\"]")]
    [InlineData("[4,\"id7\",\"GenericError\",\"d\",[]]")]
    public async Task OnMessage_MalformedResultOrError_IsIgnored(string frame)
    {
        await using var h = await RpcHarness.StartAsync();

        await h.DeliverAsync(frame);

        Assert.Empty(h.Transport.SentLog);
        Assert.Contains(4100, h.Logger.EventIds(LogLevel.Warning));
    }
}
