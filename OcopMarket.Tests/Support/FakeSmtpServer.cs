using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OcopMarket.Tests.Support;

/// <summary>What one SMTP session sent: the command lines and the DATA payload (dot-unstuffed, without the final dot).</summary>
public sealed record SmtpSession(IReadOnlyList<string> Commands, string Data);

/// <summary>
/// Just enough of an SMTP server on 127.0.0.1 (any free port) for one client session: 220 greeting, EHLO/HELO 250,
/// MAIL/RCPT/RSET/NOOP 250, DATA 354 then 250 after "\r\n.\r\n", QUIT 221. No TLS, no AUTH.
/// Everything is bounded by <c>timeout</c>; disposing stops it.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource cts;
    private readonly Func<string, string?> overrideReply;

    /// <param name="overrideReply">Given a command line, a reply to send instead of the normal one, or null.</param>
    public FakeSmtpServer(TimeSpan timeout, Func<string, string?>? overrideReply = null)
    {
        this.overrideReply = overrideReply ?? (_ => null);
        cts = new CancellationTokenSource(timeout);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Session = Task.Run(() => ServeOneAsync(cts.Token));
    }

    public int Port { get; }

    /// <summary>Completes when the client has quit or hung up (faults on timeout).</summary>
    public Task<SmtpSession> Session { get; }

    private async Task<SmtpSession> ServeOneAsync(CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        await using var stream = client.GetStream();
        var reader = new LineReader(stream);
        var commands = new List<string>();
        var data = new StringBuilder();

        await WriteAsync(stream, "220 fake.smtp.test ESMTP ready", ct);
        while (true)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is null) break; // client hung up
            commands.Add(line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();

            var replacement = overrideReply(line);
            if (replacement is not null)
            {
                await WriteAsync(stream, replacement, ct);
                continue;
            }

            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await WriteAsync(stream, "250 fake.smtp.test", ct);
                    break;
                case "MAIL":
                case "RCPT":
                case "RSET":
                case "NOOP":
                    await WriteAsync(stream, "250 OK", ct);
                    break;
                case "DATA":
                    await WriteAsync(stream, "354 End data with <CR><LF>.<CR><LF>", ct);
                    while (true)
                    {
                        var dataLine = await reader.ReadLineAsync(ct)
                                       ?? throw new IOException("Client hung up inside DATA.");
                        if (dataLine == ".") break;
                        data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                    }
                    await WriteAsync(stream, "250 OK queued", ct);
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 Bye", ct);
                    return new SmtpSession(commands, data.ToString());
                default:
                    await WriteAsync(stream, "500 Unrecognised command", ct);
                    break;
            }
        }
        return new SmtpSession(commands, data.ToString());
    }

    private static Task WriteAsync(NetworkStream stream, string reply, CancellationToken ct) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        await cts.CancelAsync();
        listener.Stop();
        try
        {
            await Session.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Cancelled or faulted: the test has already asserted what it needed.
        }
        cts.Dispose();
    }

    /// <summary>Reads CRLF-terminated lines as bytes (DATA is 7-bit here; UTF-8 decoding is only for reading it).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private readonly List<byte> pending = [];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            pending.Clear();
            while (true)
            {
                while (start < end)
                {
                    var b = buffer[start++];
                    if (b == (byte)'\n')
                    {
                        if (pending.Count > 0 && pending[^1] == (byte)'\r') pending.RemoveAt(pending.Count - 1);
                        return Encoding.UTF8.GetString(pending.ToArray());
                    }
                    pending.Add(b);
                }
                start = 0;
                end = await stream.ReadAsync(buffer, ct);
                if (end == 0) return pending.Count == 0 ? null : Encoding.UTF8.GetString(pending.ToArray());
            }
        }
    }
}
