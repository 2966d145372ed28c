using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Evse.Ocpp.Firmware;

/// <summary>One FTP control connection: sends commands and reads (multi-line) replies.</summary>
internal sealed class FtpSession : IDisposable
{
    private const int MaxLineBytes = 4096;
    private readonly TcpClient _control;
    private readonly NetworkStream _stream;
    private readonly IPAddress _serverAddress;
    private readonly byte[] _buffer = new byte[1024];
    private int _bufferStart;
    private int _bufferEnd;

    private FtpSession(TcpClient control)
    {
        _control = control;
        _stream = control.GetStream();
        _serverAddress = ((IPEndPoint)control.Client.RemoteEndPoint!).Address;
    }

    public static async Task<FtpSession> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var session = new FtpSession(client);
            await session.ExpectReplyAsync("greeting", cancellationToken, 220).ConfigureAwait(false);
            return session;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        var (code, text) = await CommandAsync($"USER {user}", cancellationToken).ConfigureAwait(false);
        if (code == 331 || code == 332)
        {
            (code, text) = await CommandAsync($"PASS {password}", cancellationToken, shown: "PASS ****").ConfigureAwait(false);
        }

        if (code is not (230 or 202))
        {
            throw new FtpException($"login as '{user}' refused: {code} {text}");
        }
    }

    /// <summary>The file's size when the server supports SIZE (RFC 3659), else null.</summary>
    public async Task<long?> TrySizeAsync(string path, CancellationToken cancellationToken)
    {
        var (code, text) = await CommandAsync($"SIZE {path}", cancellationToken).ConfigureAwait(false);
        return code == 213 && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    /// <summary>Asks for a passive data port (EPSV, else PASV) and connects to it.</summary>
    public async Task<TcpClient> OpenDataAsync(CancellationToken cancellationToken)
    {
        int port;
        var (code, text) = await CommandAsync("EPSV", cancellationToken).ConfigureAwait(false);
        if (code == 229)
        {
            port = ParseEpsv(text);
        }
        else
        {
            (code, text) = await CommandAsync("PASV", cancellationToken).ConfigureAwait(false);
            if (code != 227)
            {
                throw new FtpException($"no passive mode: EPSV and PASV refused ({code} {text})");
            }

            port = ParsePasv(text);
        }

        var data = new TcpClient();
        try
        {
            await data.ConnectAsync(_serverAddress, port, cancellationToken).ConfigureAwait(false);
            return data;
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public async Task ExpectAsync(string command, CancellationToken cancellationToken, params int[] accepted)
    {
        var (code, text) = await CommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (!accepted.Contains(code))
        {
            throw new FtpException($"{command} refused: {code} {text}");
        }
    }

    public async Task ExpectReplyAsync(string step, CancellationToken cancellationToken, params int[] accepted)
    {
        var (code, text) = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!accepted.Contains(code))
        {
            throw new FtpException($"{step} failed: {code} {text}");
        }
    }

    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        // The transfer is complete; a server that drops the line instead of answering 221 changes nothing.
        try
        {
            await CommandAsync("QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or FtpException)
        {
        }
    }

    public void Dispose() => _control.Dispose();

    private async Task<(int Code, string Text)> CommandAsync(string command, CancellationToken cancellationToken, string? shown = null)
    {
        if (command.Contains('\r', StringComparison.Ordinal) || command.Contains('\n', StringComparison.Ordinal))
        {
            throw new FtpException($"{shown ?? command}: line breaks are not allowed in FTP commands");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Code, string Text)> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new FtpException($"not an FTP reply: '{Shorten(first)}'");
        }

        if (first.Length > 3 && first[3] == '-')
        {
            // Multi-line reply (RFC 959 §4.2): ends with a line that starts with the same code and a space.
            var end = first[..3] + " ";
            string line;
            do
            {
                line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            while (!line.StartsWith(end, StringComparison.Ordinal));
        }

        return (code, first.Length > 4 ? first[4..] : string.Empty);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_bufferStart == _bufferEnd)
            {
                _bufferStart = 0;
                _bufferEnd = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_bufferEnd == 0)
                {
                    throw new FtpException("the server closed the control connection");
                }
            }

            var b = _buffer[_bufferStart++];
            if (b == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(b);
            if (line.Count > MaxLineBytes)
            {
                throw new FtpException("reply line too long");
            }
        }
    }

    private static int ParseEpsv(string text)
    {
        // "Entering Extended Passive Mode (|||6446|)"
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', open + 1);
        if (open >= 0 && close > open)
        {
            var fields = text[(open + 1)..close].Split('|');
            if (fields.Length == 5 && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            {
                return port;
            }
        }

        throw new FtpException($"unreadable EPSV reply '{Shorten(text)}'");
    }

    private static int ParsePasv(string text)
    {
        // "Entering Passive Mode (h1,h2,h3,h4,p1,p2)"; the brackets are optional in practice.
        var digits = new string([.. text.SkipWhile(c => !char.IsAsciiDigit(c))]);
        var fields = digits.TrimEnd(')', '.', ' ').Split(',');
        if (fields.Length >= 6
            && int.TryParse(fields[4].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && int.TryParse(new string([.. fields[5].TakeWhile(char.IsAsciiDigit)]), NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && high is >= 0 and < 256 && low is >= 0 and < 256 && (high | low) != 0)
        {
            return (high * 256) + low;
        }

        throw new FtpException($"unreadable PASV reply '{Shorten(text)}'");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
