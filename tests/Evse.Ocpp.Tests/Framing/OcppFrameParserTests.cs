using Evse.Ocpp.Framing;

namespace Evse.Ocpp.Tests.Framing;

public class OcppFrameParserTests
{
    [Fact]
    public void TryParse_Call_ReturnsIdActionAndPayload()
    {
        Assert.True(OcppFrameParser.TryParse("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"VendorX\"}]", out var frame, out _));

        var call = Assert.IsType<OcppCall>(frame);
        Assert.Equal("19223201", call.MessageId);
        Assert.Equal("BootNotification", call.Action);
        Assert.Equal("VendorX", call.Payload.GetProperty("chargePointVendor").GetString());
    }

    [Fact]
    public void TryParse_CallResult_ReturnsPayload()
    {
        Assert.True(OcppFrameParser.TryParse("[3,\"a\",{\"currentTime\":\"2026-01-05T08:00:00Z\"}]", out var frame, out _));

        Assert.Equal("a", Assert.IsType<OcppCallResult>(frame).MessageId);
    }

    [Theory]
    [InlineData("OccurenceConstraintViolation", OcppErrorCode.OccurenceConstraintViolation)]
    [InlineData("NotImplemented", OcppErrorCode.NotImplemented)]
    [InlineData("SomethingElse", OcppErrorCode.GenericError)]
    public void TryParse_CallError_MapsCodeAndKeepsText(string wire, OcppErrorCode expected)
    {
        Assert.True(OcppFrameParser.TryParse($"[4,\"a\",\"{wire}\",\"desc\",{{}}]", out var frame, out _));

        var error = Assert.IsType<OcppCallError>(frame);
        Assert.Equal(expected, error.ErrorCode);
        Assert.Equal(wire, error.ErrorCodeText);
        Assert.Equal("desc", error.ErrorDescription);
    }

    [Theory]
    [InlineData("", OcppFrameErrorKind.NotJson, null, null)]
    [InlineData("[2,\"a\",\"Heartbeat\",{}", OcppFrameErrorKind.NotJson, null, null)]
    [InlineData("{\"a\":1}", OcppFrameErrorKind.NotArray, null, null)]
    [InlineData("[]", OcppFrameErrorKind.EmptyArray, null, null)]
    [InlineData("[\"2\",\"a\",\"Heartbeat\",{}]", OcppFrameErrorKind.MessageTypeIdNotInteger, null, "a")]
    [InlineData("[2.5,\"a\",\"Heartbeat\",{}]", OcppFrameErrorKind.MessageTypeIdNotInteger, null, "a")]
    [InlineData("[5,\"a\",\"Heartbeat\",{}]", OcppFrameErrorKind.UnknownMessageTypeId, 5, "a")]
    [InlineData("[2,\"a\",\"Heartbeat\"]", OcppFrameErrorKind.WrongElementCount, 2, "a")]
    [InlineData("[3,\"a\",{},{}]", OcppFrameErrorKind.WrongElementCount, 3, "a")]
    [InlineData("[2]", OcppFrameErrorKind.WrongElementCount, 2, null)]
    [InlineData("[2,7,\"Heartbeat\",{}]", OcppFrameErrorKind.MessageIdNotString, 2, null)]
    [InlineData("[2,\"\",\"Heartbeat\",{}]", OcppFrameErrorKind.MessageIdEmpty, 2, null)]
    [InlineData("[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]", OcppFrameErrorKind.MessageIdTooLong, 2, "0123456789012345678901234567890123456")]
    [InlineData("[2,\"a\",3,{}]", OcppFrameErrorKind.ActionNotString, 2, "a")]
    [InlineData("[2,\"a\",\"\",{}]", OcppFrameErrorKind.ActionNotString, 2, "a")]
    [InlineData("[2,\"a\",\"Heartbeat\",[]]", OcppFrameErrorKind.PayloadNotObject, 2, "a")]
    [InlineData("[3,\"a\",null]", OcppFrameErrorKind.PayloadNotObject, 3, "a")]
    [InlineData("[4,\"a\",1,\"d\",{}]", OcppFrameErrorKind.ErrorCodeNotString, 4, "a")]
    [InlineData("[4,\"a\",\"GenericError\",null,{}]", OcppFrameErrorKind.ErrorDescriptionNotString, 4, "a")]
    [InlineData("[4,\"a\",\"GenericError\",\"d\",\"x\"]", OcppFrameErrorKind.ErrorDetailsNotObject, 4, "a")]
    public void TryParse_Malformed_ClassifiesAndKeepsWhatIsReadable(string text, OcppFrameErrorKind kind, int? typeId, string? id)
    {
        Assert.False(OcppFrameParser.TryParse(text, out var frame, out var error));

        Assert.Null(frame);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(typeId, error.MessageTypeId);
        Assert.Equal(id, error.MessageId);
        Assert.False(string.IsNullOrWhiteSpace(error.Description));
    }

    [Fact]
    public void TryParse_DeeplyNestedJson_DoesNotThrow()
    {
        var text = "[2,\"a\",\"Heartbeat\"," + new string('[', 10_000) + new string(']', 10_000) + "]";

        Assert.False(OcppFrameParser.TryParse(text, out _, out var error));
        Assert.Equal(OcppFrameErrorKind.NotJson, error.Kind);
    }

    [Fact]
    public void TryParse_LoneSurrogate_IsNotJsonInsteadOfThrowing()
    {
        Assert.False(OcppFrameParser.TryParse("[2,\"a\",\"Reset\",{\"type\":\"\ud83d\"}]", out _, out var error));
        Assert.Equal(OcppFrameErrorKind.NotJson, error.Kind);
    }

    [Fact]
    public void TryParse_IdOfExactly36Characters_IsAccepted()
    {
        var id = Guid.NewGuid().ToString("D");

        Assert.True(OcppFrameParser.TryParse($"[3,\"{id}\",{{}}]", out var frame, out _));
        Assert.Equal(id, frame.MessageId);
    }
}
