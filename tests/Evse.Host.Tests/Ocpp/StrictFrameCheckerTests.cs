using Evse.Testing.Ocpp;

namespace Evse.Host.Tests.Ocpp;

/// <summary>The strict peer check itself: each rule finds its violation and lets the conforming flow through.</summary>
public sealed class StrictFrameCheckerTests
{
    private const string Boot = """[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]""";

    private static StrictFrameChecker Accepted(int connectors = 1)
    {
        var checker = new StrictFrameChecker { MaxConnectorId = connectors };
        checker.OnConnected();
        checker.OnChargePointFrame(Boot);
        checker.OnCentralSystemFrame("""[3,"b1",{"currentTime":"2026-01-05T08:00:00Z","interval":300,"status":"Accepted"}]""");
        return checker;
    }

    private static StrictFrameChecker InTransaction(int transactionId = 7)
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""[2,"s1","StartTransaction",{"connectorId":1,"idTag":"T","meterStart":1000,"timestamp":"2026-01-05T08:00:00Z"}]""");
        checker.OnCentralSystemFrame($$"""[3,"s1",{"idTagInfo":{"status":"Accepted"},"transactionId":{{transactionId}}}]""");
        return checker;
    }

    private static string Meter(int transactionId, string at, string sampled) =>
        $$"""[2,"m{{Guid.NewGuid():N}}","MeterValues",{"connectorId":1,"transactionId":{{transactionId}},"meterValue":[{"timestamp":"{{at}}","sampledValue":[{{sampled}}]}]}]""";

    private static void Answer(StrictFrameChecker checker, string text)
    {
        var id = System.Text.Json.Nodes.JsonNode.Parse(text)![1]!.GetValue<string>();
        checker.OnCentralSystemFrame($"[3,\"{id}\",{{}}]");
    }

    private static void Send(StrictFrameChecker checker, string text)
    {
        checker.OnChargePointFrame(text);
        Answer(checker, text);
    }

    private static void AssertRule(StrictFrameChecker checker, string rule) =>
        Assert.Contains(checker.Violations, v => v.Contains("[" + rule + "]", StringComparison.Ordinal));

    [Fact]
    public void OnChargePointFrame_ConformingSession_FindsNothing()
    {
        var checker = InTransaction();
        Send(checker, Meter(7, "2026-01-05T08:00:10Z", """{"value":"1500","measurand":"Energy.Active.Import.Register","unit":"Wh"},{"value":"230.1","measurand":"Voltage","unit":"V","phase":"L1-N"},{"value":"16","measurand":"Current.Import","unit":"A","phase":"L1"}"""));
        Send(checker, """[2,"x2","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2026-01-05T08:00:11Z"}]""");
        Send(checker, """[2,"x3","StopTransaction",{"transactionId":7,"meterStop":1600,"timestamp":"2026-01-05T08:00:20Z","reason":"EVDisconnected"}]""");

        Assert.Empty(checker.AllViolations);
    }

    [Fact]
    public void OnChargePointFrame_NotAnArray_ReportsFrame()
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""{"a":1}""");
        AssertRule(checker, "frame");
    }

    [Fact]
    public void OnChargePointFrame_IdLongerThan36_ReportsFrame()
    {
        var checker = Accepted();
        checker.OnChargePointFrame($$"""[2,"{{new string('a', 37)}}","Heartbeat",{}]""");
        AssertRule(checker, "frame");
    }

    [Fact]
    public void OnChargePointFrame_SecondCallWhileFirstUnanswered_ReportsOneCall()
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""[2,"h1","Heartbeat",{}]""");
        checker.OnChargePointFrame("""[2,"h2","Heartbeat",{}]""");
        AssertRule(checker, "one-call");
    }

    [Fact]
    public void OnChargePointFrame_SilencedCallThenNext_FindsNothing()
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""[2,"h1","Heartbeat",{}]""");
        checker.OnUnanswered("h1");
        checker.OnChargePointFrame("""[2,"h2","Heartbeat",{}]""");
        Assert.Empty(checker.AllViolations);
    }

    [Fact]
    public void OnChargePointFrame_IdReusedOnConnection_ReportsCallId()
    {
        var checker = Accepted();
        Send(checker, """[2,"h1","Heartbeat",{}]""");
        Send(checker, """[2,"h1","Heartbeat",{}]""");
        AssertRule(checker, "call-id");
    }

    [Fact]
    public void OnChargePointFrame_PayloadAgainstSchema_ReportsSchema()
    {
        var checker = Accepted();
        Send(checker, """[2,"x","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Busy"}]""");
        AssertRule(checker, "schema");
    }

    [Fact]
    public void OnChargePointFrame_AnswerInvalidForCentralSystemCall_ReportsSchema()
    {
        var checker = Accepted();
        checker.OnCentralSystemFrame("""[2,"cs-1","ChangeConfiguration",{"key":"A","value":"1"}]""");
        checker.OnChargePointFrame("""[3,"cs-1",{"status":"Maybe"}]""");
        AssertRule(checker, "schema");
    }

    [Fact]
    public void OnChargePointFrame_AnswerToUnknownId_ReportsAnswer()
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""[3,"nobody",{}]""");
        AssertRule(checker, "answer");
    }

    [Fact]
    public void OnChargePointFrame_StatusBeforeBootAccepted_ReportsRegistration()
    {
        var checker = new StrictFrameChecker();
        checker.OnConnected();
        checker.OnChargePointFrame(Boot);
        checker.OnCentralSystemFrame("""[3,"b1",{"currentTime":"2026-01-05T08:00:00Z","interval":30,"status":"Pending"}]""");
        checker.OnChargePointFrame("""[2,"x","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]""");
        AssertRule(checker, "registration");
    }

    [Fact]
    public void OnChargePointFrame_PendingTriggeredCall_FindsNothing()
    {
        var checker = new StrictFrameChecker();
        checker.OnConnected();
        checker.OnChargePointFrame(Boot);
        checker.OnCentralSystemFrame("""[3,"b1",{"currentTime":"2026-01-05T08:00:00Z","interval":30,"status":"Pending"}]""");
        checker.OnCentralSystemFrame("""[2,"cs-1","TriggerMessage",{"requestedMessage":"Heartbeat"}]""");
        checker.OnChargePointFrame("""[3,"cs-1",{"status":"Accepted"}]""");
        checker.OnChargePointFrame("""[2,"h","Heartbeat",{}]""");
        Assert.Empty(checker.AllViolations);
    }

    [Fact]
    public void OnChargePointFrame_AnswerWhileRejected_ReportsRegistration()
    {
        var checker = new StrictFrameChecker();
        checker.OnConnected();
        checker.OnChargePointFrame(Boot);
        checker.OnCentralSystemFrame("""[3,"b1",{"currentTime":"2026-01-05T08:00:00Z","interval":30,"status":"Rejected"}]""");
        checker.OnCentralSystemFrame("""[2,"cs-1","GetConfiguration",{}]""");
        checker.OnChargePointFrame("""[3,"cs-1",{"configurationKey":[]}]""");
        AssertRule(checker, "registration");
    }

    [Fact]
    public void OnChargePointFrame_TimestampWithOffset_ReportsTimestamp()
    {
        var checker = Accepted();
        Send(checker, """[2,"x","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2026-01-05T09:00:00+01:00"}]""");
        AssertRule(checker, "timestamp");
    }

    [Fact]
    public void OnChargePointFrame_MeterValuesForUnknownTransaction_ReportsTransaction()
    {
        var checker = InTransaction(7);
        Send(checker, Meter(8, "2026-01-05T08:00:10Z", """{"value":"1500"}"""));
        AssertRule(checker, "transaction");
    }

    [Fact]
    public void OnChargePointFrame_MeterValuesGoBack_ReportsTransaction()
    {
        var checker = InTransaction(7);
        Send(checker, Meter(7, "2026-01-05T08:00:10Z", """{"value":"1500"}"""));
        Send(checker, Meter(7, "2026-01-05T08:00:09Z", """{"value":"1500"}"""));
        AssertRule(checker, "transaction");
    }

    [Fact]
    public void OnChargePointFrame_MeterStopBelowReportedRegister_ReportsTransaction()
    {
        var checker = InTransaction(7);
        Send(checker, Meter(7, "2026-01-05T08:00:10Z", """{"value":"2.5","unit":"kWh"}"""));
        Send(checker, """[2,"x3","StopTransaction",{"transactionId":7,"meterStop":2400,"timestamp":"2026-01-05T08:00:20Z"}]""");
        AssertRule(checker, "transaction");
    }

    [Fact]
    public void OnChargePointFrame_StopTransactionDataEarlierThanSentMeterValues_FindsNothing()
    {
        // StopTxnSampledData repeats the transaction's history: older than the MeterValues already sent, and allowed.
        var checker = InTransaction(7);
        Send(checker, Meter(7, "2026-01-05T08:00:10Z", """{"value":"1500"}"""));
        Send(checker, """[2,"x3","StopTransaction",{"transactionId":7,"meterStop":1600,"timestamp":"2026-01-05T08:00:20Z","transactionData":[{"timestamp":"2026-01-05T08:00:05Z","sampledValue":[{"value":"1200"}]},{"timestamp":"2026-01-05T08:00:10Z","sampledValue":[{"value":"1500"}]}]}]""");
        Assert.Empty(checker.AllViolations);
    }

    [Theory]
    [InlineData("2026-01-05T07:59:59Z", "2026-01-05T08:00:10Z")] // before the start
    [InlineData("2026-01-05T08:00:10Z", "2026-01-05T08:00:21Z")] // after the stop
    [InlineData("2026-01-05T08:00:10Z", "2026-01-05T08:00:05Z")] // out of order
    public void OnChargePointFrame_StopTransactionDataOutsideOrOutOfOrder_ReportsTransaction(string first, string second)
    {
        var checker = InTransaction(7);
        Send(checker, $$"""[2,"x3","StopTransaction",{"transactionId":7,"meterStop":1600,"timestamp":"2026-01-05T08:00:20Z","transactionData":[{"timestamp":"{{first}}","sampledValue":[{"value":"1200"}]},{"timestamp":"{{second}}","sampledValue":[{"value":"1500"}]}]}]""");
        AssertRule(checker, "transaction");
    }

    [Fact]
    public void OnChargePointFrame_MeterStopBelowMeterStart_ReportsTransaction()
    {
        var checker = InTransaction(7);
        Send(checker, """[2,"x3","StopTransaction",{"transactionId":7,"meterStop":999,"timestamp":"2026-01-05T08:00:20Z"}]""");
        AssertRule(checker, "transaction");
    }

    [Fact]
    public void OnChargePointFrame_FaultedWithNoError_ReportsStatus()
    {
        var checker = Accepted();
        Send(checker, """[2,"x","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Faulted"}]""");
        AssertRule(checker, "status");
    }

    [Fact]
    public void OnChargePointFrame_ConnectorAboveCount_ReportsStatus()
    {
        var checker = Accepted(connectors: 1);
        Send(checker, """[2,"x","StatusNotification",{"connectorId":2,"errorCode":"NoError","status":"Available"}]""");
        AssertRule(checker, "status");
    }

    [Fact]
    public void OnChargePointFrame_SameStatusTwice_ReportsStatus()
    {
        var checker = Accepted();
        Send(checker, """[2,"x1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]""");
        Send(checker, """[2,"x2","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]""");
        AssertRule(checker, "status");
    }

    [Fact]
    public void OnChargePointFrame_SameStatusAfterTrigger_FindsNothing()
    {
        var checker = Accepted();
        Send(checker, """[2,"x1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]""");
        checker.OnCentralSystemFrame("""[2,"cs-1","TriggerMessage",{"requestedMessage":"StatusNotification","connectorId":1}]""");
        checker.OnChargePointFrame("""[3,"cs-1",{"status":"Accepted"}]""");
        Send(checker, """[2,"x2","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]""");
        Assert.Empty(checker.AllViolations);
    }

    [Theory]
    [InlineData("""{"value":"230","measurand":"Voltage"}""")]
    [InlineData("""{"value":"230","measurand":"Voltage","unit":"V","phase":"L1"}""")]
    [InlineData("""{"value":"16","measurand":"Current.Import","unit":"A","phase":"L1-N"}""")]
    [InlineData("""{"value":"16","measurand":"Current.Import","unit":"W"}""")]
    [InlineData("""{"value":"abc","measurand":"Energy.Active.Import.Register","unit":"Wh"}""")]
    [InlineData("""{"value":"1","unit":"Wh"},{"value":"2","unit":"Wh"}""")]
    public void OnChargePointFrame_SampledValueThatMakesNoSense_ReportsSampledValue(string sampled)
    {
        var checker = InTransaction(7);
        Send(checker, Meter(7, "2026-01-05T08:00:10Z", sampled));
        AssertRule(checker, "sampled-value");
    }

    [Fact]
    public void Violations_ExemptedRule_LeftOutButKept()
    {
        var checker = Accepted();
        checker.OnChargePointFrame("""[3,"nobody",{}]""");
        checker.Exempt("answer", "scripted");
        Assert.Empty(checker.Violations);
        Assert.Single(checker.AllViolations);
    }
}
