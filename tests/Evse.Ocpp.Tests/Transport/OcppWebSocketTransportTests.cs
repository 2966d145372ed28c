using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.Rpc;
using Evse.Ocpp.Transport;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Evse.Ocpp.Tests.Transport;

public class OcppWebSocketTransportTests(ITestOutputHelper output)
{
    private static OcppWebSocketTransport Create(Uri url, string id, CapturingLogger<OcppWebSocketTransport> logger, Action<OcppWebSocketOptions>? configure = null)
    {
        var options = new OcppWebSocketOptions
        {
            CentralSystemUrl = url,
            ChargePointId = id,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new OcppWebSocketTransport(options, TimeProvider.System, new Random(7), logger);
    }

    [Fact]
    public async Task RunAsync_Connects_WithSubprotocolBasicAuthAndEncodedIdAndClosesCleanly()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        var logger = new CapturingLogger<OcppWebSocketTransport>();
        using var transport = Create(cs.BaseUrl, "CP 1", logger, o => o.BasicAuthPassword = "s3cret:x");
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());
        Assert.True(transport.IsConnected);
        Assert.True(await transport.TrySendAsync("[2,\"a\",\"Heartbeat\",{}]", CancellationToken.None));
        var answer = await listener.NextAsync();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var request = Assert.Single(cs.Requests);
        Assert.Equal("/ocpp/CP%201", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("CP 1:s3cret:x")), request.Authorization);
        Assert.Equal(["ocpp1.6"], request.Subprotocols);
        Assert.StartsWith("[3,\"a\"", answer, StringComparison.Ordinal);
        Assert.Equal("disconnected", listener.History[^1]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, Assert.Single(cs.CloseStatuses));
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task RunAsync_WithoutPassword_SendsNoAuthorizationHeader()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        using var transport = Create(cs.BaseUrl, "CP1", new CapturingLogger<OcppWebSocketTransport>());
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(string.Empty, Assert.Single(cs.Requests).Authorization);
    }

    [Fact]
    public async Task RunAsync_ServerDoesNotSelectOcpp16_NeverReportsConnectedAndLogsWhy()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        cs.SelectSubprotocol = false;
        var logger = new CapturingLogger<OcppWebSocketTransport>();
        using var transport = Create(cs.BaseUrl, "CP1", logger);
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (cs.Requests.Count < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, wait.Token);
            }
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(listener.History);
        Assert.Contains(4153, logger.EventIds(LogLevel.Error));
    }

    [Fact]
    public async Task RunAsync_ServerDropsConnection_ReportsDisconnectAndReconnects()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        cs.AbortConnections.Add(1);
        using var transport = Create(cs.BaseUrl, "CP1", new CapturingLogger<OcppWebSocketTransport>());
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());
        Assert.True(await transport.TrySendAsync("[2,\"a\",\"Heartbeat\",{}]", CancellationToken.None));
        var events = new[] { await listener.NextAsync(), await listener.NextAsync() };
        Assert.True(await transport.TrySendAsync("[2,\"b\",\"Heartbeat\",{}]", CancellationToken.None));
        var answer = await listener.NextAsync();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["disconnected", "connected"], events);
        Assert.Equal(2, cs.Requests.Count);
        Assert.StartsWith("[3,\"b\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConnectionDroppedAtOnce_WaitsABackoffDelayOnTheInjectedClockBeforeReconnecting()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        cs.AbortConnections.Add(1);
        var time = new Evse.Testing.FakeTimeProvider();
        var options = new OcppWebSocketOptions
        {
            CentralSystemUrl = cs.BaseUrl,
            ChargePointId = "CP1",
            ReconnectBaseDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromMinutes(5),
            PingInterval = TimeSpan.Zero,
        };
        using var transport = new OcppWebSocketTransport(options, time, new Random(7), new CapturingLogger<OcppWebSocketTransport>());
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        Assert.Equal("connected", await listener.NextAsync());
        Assert.True(await transport.TrySendAsync("[2,\"a\",\"Heartbeat\",{}]", CancellationToken.None));
        Assert.Equal("disconnected", await listener.NextAsync());
        Assert.True(await Evse.Testing.RealClockWait.UntilAsync(() => time.PendingTimers > 0), "the reconnect back-off never armed its timer");

        var requestsWhileWaiting = cs.Requests.Count;
        time.Advance(TimeSpan.FromSeconds(10));
        var reconnected = await listener.NextAsync();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, requestsWhileWaiting);
        Assert.Equal("connected", reconnected);
        Assert.Equal(2, cs.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_OversizedMessage_IsDroppedAndTheNextOneStillArrives()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        cs.Greeting.Add("[2,\"big\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":\"" + new string('x', 5000) + "\"}]");
        cs.Greeting.Add("[2,\"small\",\"Heartbeat\",{}]");
        var logger = new CapturingLogger<OcppWebSocketTransport>();
        using var transport = Create(cs.BaseUrl, "CP1", logger, o => o.MaxMessageBytes = 1000);
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        var first = await listener.NextAsync();
        var second = await listener.NextAsync();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("connected", first);
        Assert.Equal("[2,\"small\",\"Heartbeat\",{}]", second);
        Assert.Contains(4155, logger.EventIds(LogLevel.Warning));
    }

    [Fact]
    public async Task RunAsync_NoServer_KeepsRetryingWithBackoff()
    {
        // Reserve a port, then free it, so nothing listens there.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var logger = new CapturingLogger<OcppWebSocketTransport>();
        using var transport = Create(new Uri($"ws://127.0.0.1:{port}/ocpp"), "CP1", logger);
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(listener, stop.Token);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (logger.EventIds(LogLevel.Warning).Count(id => id == 4151) < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, wait.Token);
            }
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(listener.History);
        Assert.False(await transport.TrySendAsync("[2,\"c\",\"Heartbeat\",{}]", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_WssWithTrustedCaFile_ConnectsOnlyWhenChainEndsInThatCa()
    {
        using var ca = CreateCa("CN=Test OCPP CA");
        using var otherCa = CreateCa("CN=Some Other CA");
        using var server = CreateServerCertificate(ca);
        await using var cs = await TestCentralSystem.StartAsync(server);
        var caFile = Path.GetTempFileName();
        var otherCaFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
            await File.WriteAllTextAsync(otherCaFile, otherCa.ExportCertificatePem());

            var trusted = await ConnectsAsync(cs.BaseUrl, caFile);
            var untrusted = await ConnectsAsync(cs.BaseUrl, otherCaFile);

            Assert.True(trusted.Connected);
            Assert.False(untrusted.Connected);
            Assert.Contains(4156, untrusted.Logger.EventIds(LogLevel.Error));
        }
        finally
        {
            File.Delete(caFile);
            File.Delete(otherCaFile);
        }
    }

    [Fact]
    public async Task Dispatcher_OverRealWebSocket_AnswersCentralSystemCallsWithExactFrames()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        cs.Greeting.Add("[2,\"cs-1\",\"Reset\",{\"type\":\"Soft\"}]");
        cs.Greeting.Add("[2,\"cs-2\",\"Reset\",{\"type\":\"Sometimes\"}]");
        cs.Greeting.Add("[2,\"cs-3\",\"UnlockConnector\",{\"connectorId\":1}]");
        var answered = new TaskCompletionSource();
        cs.Respond = frame =>
        {
            if (cs.Received.Count == 3)
            {
                answered.TrySetResult();
            }

            return null;
        };
        var handlers = new OcppHandlerRegistry().Register(new DelegateHandler<ResetRequest, ResetConfirmation>((_, _) =>
            ValueTask.FromResult<OcppHandlerResult<ResetConfirmation>>(new ResetConfirmation { Status = ResetStatus.Accepted })));
        using var transport = Create(cs.BaseUrl, "CP1", new CapturingLogger<OcppWebSocketTransport>());
        using var dispatcher = new OcppRpcDispatcher(transport, handlers, new GuidMessageIdGenerator(), TimeProvider.System, new OcppRpcOptions(), new CapturingLogger<OcppRpcDispatcher>());
        using var stop = new CancellationTokenSource();

        var run = transport.RunAsync(dispatcher, stop.Token);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var received = cs.Received.ToArray();
        Assert.Equal("[3,\"cs-1\",{\"status\":\"Accepted\"}]", received[0]);
        Assert.StartsWith("[4,\"cs-2\",\"PropertyConstraintViolation\",\"/type: ", received[1], StringComparison.Ordinal);
        Assert.StartsWith("[4,\"cs-3\",\"NotSupported\",", received[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_OverLoopbackWebSocket_MeasuresRoundTripsPerSecond()
    {
        await using var cs = await TestCentralSystem.StartAsync();
        using var transport = Create(cs.BaseUrl, "CP1", new CapturingLogger<OcppWebSocketTransport>(), o => o.PingInterval = TimeSpan.Zero);
        using var dispatcher = new OcppRpcDispatcher(transport, new OcppHandlerRegistry(), new GuidMessageIdGenerator(), TimeProvider.System, new OcppRpcOptions(), new CapturingLogger<OcppRpcDispatcher>());
        var connected = new TaskCompletionSource();
        dispatcher.Connected += (_, _) => connected.TrySetResult();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(dispatcher, stop.Token);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        const int Warmup = 200;
        const int Calls = 3000;
        for (var i = 0; i < Warmup; i++)
        {
            Assert.True((await dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None)).IsConfirmed);
        }

        var clock = Stopwatch.StartNew();
        var confirmed = 0;
        for (var i = 0; i < Calls; i++)
        {
            confirmed += (await dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None)).IsConfirmed ? 1 : 0;
        }

        clock.Stop();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Calls, confirmed);
        output.WriteLine($"{Calls} CALL/CALLRESULT round trips in {clock.Elapsed.TotalMilliseconds:F0} ms: {Calls / clock.Elapsed.TotalSeconds:F0} per second, {clock.Elapsed.TotalMilliseconds * 1000 / Calls:F0} us each");
    }

    private static async Task<(bool Connected, CapturingLogger<OcppWebSocketTransport> Logger)> ConnectsAsync(Uri url, string caFile)
    {
        var logger = new CapturingLogger<OcppWebSocketTransport>();
        using var transport = Create(url, "CP1", logger, o => o.TrustedCaFile = caFile);
        var listener = new RecordingListener();
        using var stop = new CancellationTokenSource();
        var run = transport.RunAsync(listener, stop.Token);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (listener.History.Count == 0 && !logger.EventIds(LogLevel.Warning).Any(id => id == 4151))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, wait.Token);
            }
        }

        var connected = listener.History.Contains("connected");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return (connected, logger);
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(90));
    }

    private static X509Certificate2 CreateServerCertificate(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(ca, DateTimeOffset.UnixEpoch.AddYears(51), DateTimeOffset.UnixEpoch.AddYears(89), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel on Linux wants an exportable key it can load into its own store.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
