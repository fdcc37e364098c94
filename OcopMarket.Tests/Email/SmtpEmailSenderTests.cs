using System.Net;
using System.Net.Sockets;
using MimeKit;
using OcopMarket.Core.Email;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Email;

public class SmtpEmailSenderTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private static SmtpEmailSender CreateSender(int port) => new(
        Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, UseStartTls = false, TimeoutSeconds = 10 },
        }),
        TimeProvider.System);

    private static EmailMessage Message() => new(
        "huong@example.vn", "Nguyễn Thị Hương", "Đặt lại mật khẩu OcopMarket", "Bấm vào liên kết: https://ocop.example/dat-lai?token=abc");

    [Fact]
    public async Task Sends_the_message_through_the_smtp_dialogue()
    {
        await using var server = new FakeSmtpServer(Limit);

        await CreateSender(server.Port).SendAsync(Message(), CancellationToken.None).WaitAsync(Limit);
        var session = await server.Session.WaitAsync(Limit);

        Assert.Contains(session.Commands, c => c.StartsWith("EHLO ", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(session.Commands, c => c.StartsWith("MAIL FROM:<no-reply@ocopmarket.local>", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(session.Commands, c => c.StartsWith("RCPT TO:<huong@example.vn>", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("QUIT", session.Commands[^1], ignoreCase: true);
        Assert.Contains("huong@example.vn", session.Data);

        using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(session.Data));
        var parsed = await MimeMessage.LoadAsync(stream);
        Assert.Equal("Đặt lại mật khẩu OcopMarket", parsed.Subject);
        Assert.Equal("huong@example.vn", Assert.IsType<MailboxAddress>(Assert.Single(parsed.To)).Address);
        Assert.Contains("https://ocop.example/dat-lai?token=abc", parsed.TextBody);
    }

    [Fact]
    public async Task Refused_connection_surfaces_as_an_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAnyAsync<Exception>(
            () => CreateSender(closedPort).SendAsync(Message(), CancellationToken.None).WaitAsync(Limit));
        Assert.IsNotType<TimeoutException>(ex);
        Assert.IsType<SocketException>(ex);
    }

    [Fact]
    public async Task Rejected_recipient_surfaces_as_an_exception()
    {
        await using var server = new FakeSmtpServer(Limit,
            line => line.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase) ? "550 5.1.1 No such user" : null);

        var ex = await Assert.ThrowsAnyAsync<Exception>(
            () => CreateSender(server.Port).SendAsync(Message(), CancellationToken.None).WaitAsync(Limit));
        Assert.IsNotType<TimeoutException>(ex);
        Assert.IsAssignableFrom<MailKit.Net.Smtp.SmtpCommandException>(ex);
    }

    [Fact]
    public void Missing_host_is_refused_at_construction()
    {
        Assert.Throws<InvalidOperationException>(() => new SmtpEmailSender(
            Microsoft.Extensions.Options.Options.Create(new EmailOptions()), TimeProvider.System));
    }
}
