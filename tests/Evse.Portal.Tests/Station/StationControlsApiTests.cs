using System.Text;
using Evse.Core.Station;
using Evse.Portal.Station;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moq;

namespace Evse.Portal.Tests.Station;

public class StationControlsApiTests
{
    [Theory]
    [InlineData("{\"locked\":true}", true)]
    [InlineData("{\"locked\":false}", false)]
    [InlineData("{\"Locked\":true}", true)]
    public async Task PostLock_BooleanField_SetsTheLockAndAnswersTheControls(string body, bool locked)
    {
        var controls = new Mock<IStationControls>();
        controls.SetupGet(c => c.StationLocked).Returns(locked);

        var result = await StationControlsApi.PostLock(Request(body), controls.Object);

        controls.Verify(c => c.SetStationLocked(locked), Times.Once);
        var ok = Assert.IsType<Ok<StationControlsDto>>(result.Result);
        Assert.Equal(locked, ok.Value!.StationLocked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"locked\":1}")]
    [InlineData("{\"unlock\":true}")]
    [InlineData("{\"locked\":")]
    public async Task PostLock_InvalidBody_400ProblemNamingTheFieldAndNoChange(string body)
    {
        var controls = new Mock<IStationControls>();

        var result = await StationControlsApi.PostLock(Request(body), controls.Object);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.True(problem.ProblemDetails.Extensions.ContainsKey("errors"));
        controls.Verify(c => c.SetStationLocked(It.IsAny<bool>()), Times.Never);
    }

    [Fact]
    public async Task PostBoost_Refused_409ProblemWithTheReason()
    {
        var controls = new Mock<IStationControls>();
        string? error = "FAST mode";
        controls.Setup(c => c.TrySetBoost(true, out error)).Returns(false);

        var result = await StationControlsApi.PostBoost(Request("{\"on\":true}"), controls.Object);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("FAST mode", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task PostBoost_Accepted_AnswersBoostOn()
    {
        var controls = new Mock<IStationControls>();
        string? error = null;
        controls.Setup(c => c.TrySetBoost(true, out error)).Returns(true);
        controls.SetupGet(c => c.BoostOn).Returns(true);

        var result = await StationControlsApi.PostBoost(Request("{\"on\":true}"), controls.Object);

        var ok = Assert.IsType<Ok<StationControlsDto>>(result.Result);
        Assert.True(ok.Value!.BoostOn);
        controls.Verify(c => c.TrySetBoost(true, out error), Times.Once);
    }

    private static HttpRequest Request(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = "application/json";
        return context.Request;
    }
}
