using System.Text;
using Evse.Ocpp.Framing;

namespace Evse.Ocpp.Tests.Framing;

public class OcppFrameWriterTests
{
    [Fact]
    public void Call_WritesCompactArray()
    {
        Assert.Equal("[2,\"id-1\",\"Heartbeat\",{}]", OcppFrameWriter.Call("id-1", "Heartbeat", "{}"u8));
    }

    [Fact]
    public void CallResult_WritesCompactArray()
    {
        Assert.Equal("[3,\"id-1\",{\"status\":\"Accepted\"}]", OcppFrameWriter.CallResult("id-1", Encoding.UTF8.GetBytes("{\"status\":\"Accepted\"}")));
    }

    [Fact]
    public void CallError_WritesWireCodeAndEmptyDetails()
    {
        Assert.Equal("[4,\"-1\",\"OccurenceConstraintViolation\",\"a \\\"b\\\"\",{}]", OcppFrameWriter.CallError("-1", OcppErrorCode.OccurenceConstraintViolation, "a \"b\""));
    }

    [Fact]
    public void Written_Frames_ParseBack()
    {
        var text = OcppFrameWriter.CallError("x", OcppErrorCode.TypeConstraintViolation, "d");

        Assert.True(OcppFrameParser.TryParse(text, out var frame, out _));
        Assert.Equal(OcppErrorCode.TypeConstraintViolation, Assert.IsType<OcppCallError>(frame).ErrorCode);
    }

    [Theory]
    [InlineData(OcppErrorCode.NotImplemented, "NotImplemented")]
    [InlineData(OcppErrorCode.NotSupported, "NotSupported")]
    [InlineData(OcppErrorCode.InternalError, "InternalError")]
    [InlineData(OcppErrorCode.ProtocolError, "ProtocolError")]
    [InlineData(OcppErrorCode.SecurityError, "SecurityError")]
    [InlineData(OcppErrorCode.FormationViolation, "FormationViolation")]
    [InlineData(OcppErrorCode.PropertyConstraintViolation, "PropertyConstraintViolation")]
    [InlineData(OcppErrorCode.OccurenceConstraintViolation, "OccurenceConstraintViolation")]
    [InlineData(OcppErrorCode.TypeConstraintViolation, "TypeConstraintViolation")]
    [InlineData(OcppErrorCode.GenericError, "GenericError")]
    public void ErrorCodes_WireSpelling_RoundTrips(OcppErrorCode code, string wire)
    {
        Assert.Equal(wire, OcppErrorCodes.ToWire(code));
        Assert.True(OcppErrorCodes.TryParse(wire, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void ErrorCodes_TryParse_IsCaseSensitive()
    {
        Assert.False(OcppErrorCodes.TryParse("genericerror", out _));
    }

    [Fact]
    public void GuidGenerator_Ids_AreUniqueAnd36Characters()
    {
        var generator = new GuidMessageIdGenerator();

        var ids = Enumerable.Range(0, 1000).Select(_ => generator.NextId()).ToList();

        Assert.All(ids, id => Assert.Equal(OcppFrameParser.MaxMessageIdLength, id.Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void SequentialGenerator_Ids_CountUpWithPrefix()
    {
        var generator = new SequentialMessageIdGenerator("cp-");

        Assert.Equal("cp-1", generator.NextId());
        Assert.Equal("cp-2", generator.NextId());
    }
}
