using System.Text.Json.Nodes;
using Evse.Ocpp.Firmware;

namespace Evse.Ocpp.Tests.Firmware;

public sealed class DiagnosticsUploaderTests
{
    [Fact]
    public async Task GetDiagnostics_Upload_AnswersFileNameThenUploadingUploaded()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();

        var answer = await h.CallAsync("GetDiagnostics", """{"location":"ftp://cs:pw@cs.example/diag/","startTime":"2026-02-28T00:00:00Z","stopTime":"2026-03-01T00:00:00Z"}""");

        Assert.Equal("""{"fileName":"SN-1-20260301T080000Z.zip"}""", answer);
        Assert.Equal(["Uploading", "Uploaded"], await h.StatusesAsync("DiagnosticsStatusNotification", 2));
        var upload = Assert.Single(h.Transfer.Uploads);
        Assert.Equal(("SN-1-20260301T080000Z.zip", "zip"), (upload.FileName, System.Text.Encoding.UTF8.GetString(upload.Content)));
        Assert.Equal((DateTimeOffset.Parse("2026-02-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), h.Collector.LastPeriod!.Value);
        await h.Diagnostics.Current;
        Assert.Empty(Directory.GetFiles(h.Options.DiagnosticsDirectory));
    }

    [Fact]
    public async Task GetDiagnostics_UploadKeepsFailing_RetriesThenUploadFailed()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Transfer.Script.Enqueue(TransferResult.Failed("530 Login incorrect"));

        await h.CallAsync("GetDiagnostics", """{"location":"ftp://cs.example/diag/","retries":1,"retryInterval":60}""");
        Assert.Equal(["Uploading"], await h.StatusesAsync("DiagnosticsStatusNotification", 1));
        await FirmwareHarness.UntilAsync(() => h.Transfer.Uploads.Count == 1);
        await h.WaitForTimersAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(["UploadFailed"], await h.StatusesAsync("DiagnosticsStatusNotification", 1));
        Assert.Equal(2, h.Transfer.Uploads.Count);
    }

    [Fact]
    public async Task GetDiagnostics_CollectFails_UploadFailedWithoutUpload()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();
        h.Collector.Fail = true;

        await h.CallAsync("GetDiagnostics", """{"location":"https://cs.example/upload"}""");

        Assert.Equal(["Uploading", "UploadFailed"], await h.StatusesAsync("DiagnosticsStatusNotification", 2));
        Assert.Empty(h.Transfer.Uploads);
    }

    [Fact]
    public async Task TriggerMessage_DiagnosticsStatusWhenNothingRuns_AcceptedThenIdle()
    {
        await using var h = new FirmwareHarness();
        await h.BootAcceptedAsync();

        Assert.Equal("""{"status":"Accepted"}""", await h.CallAsync("TriggerMessage", """{"requestedMessage":"DiagnosticsStatusNotification"}"""));

        var payload = await h.ExpectAsync("DiagnosticsStatusNotification");
        Assert.Equal("Idle", (string)JsonNode.Parse(payload)!["status"]!);
    }
}
