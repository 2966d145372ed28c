using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Evse.Host.Tests.Support;

namespace Evse.Host.Tests.Process;

/// <summary>The real daemon (evsed.dll, copied beside the tests) as a child process on a free loopback port.</summary>
public sealed partial class DaemonProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(System.Diagnostics.Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static Task<DaemonProcess> StartAsync(string dataDirectory, params string[] extraArguments) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), extraArguments);

    public static async Task<DaemonProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var daemon = Launch(dataDirectory, environment, extraArguments);
        await daemon.WaitHealthyAsync();
        return daemon;
    }

    /// <summary>Starts the process without waiting for it to come up (to kill it during its own boot).</summary>
    public static DaemonProcess Launch(string dataDirectory, params string[] extraArguments) =>
        Launch(dataDirectory, new Dictionary<string, string>(), extraArguments);

    private static DaemonProcess Launch(string dataDirectory, IReadOnlyDictionary<string, string> environment, string[] extraArguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "evsed.dll"));
        foreach (var argument in new[] { "--urls", $"http://127.0.0.1:{port}", "--Storage:DataDirectory", dataDirectory }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["EVSE_CONFIG_FILE"] = Path.Combine(dataDirectory, "no-such-config.json");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new DaemonProcess(System.Diagnostics.Process.Start(start)!, port);
    }

    public async Task<TimeSpan> WaitHealthyAsync()
    {
        var watch = Stopwatch.StartNew();
        await Eventually.GetAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The daemon exited with {_process.ExitCode}:\n{Output}");
                }

                try
                {
                    using var response = await Client.GetAsync(new Uri("health", UriKind.Relative));
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            s => s == HttpStatusCode.OK,
            "the daemon to answer /health with 200",
            timeoutSeconds: 30);
        return watch.Elapsed;
    }

    public async Task<JsonElement> ConnectorAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>(new Uri("api/status", UriKind.Relative))).GetProperty("connectors")[0];

    public async Task PostAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    public void Kill() => _process.Kill();

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task WaitForExitAsync(double timeoutSeconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
