using System.Text;
using MimeKit;
using OcopMarket.Core.Email;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Email;

public sealed class PickupDirectoryEmailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 18, 30, 0, 123, TimeSpan.Zero);
    private readonly TempMailFolder folder = new();

    private const string Subject = "Đặt lại mật khẩu OcopMarket";
    private const string TextBody = "Xin chào Nguyễn Thị Hương,\r\n\r\nBấm vào liên kết sau để đặt lại mật khẩu: https://ocop.example/dat-lai?token=abc\r\n";
    private const string HtmlBody = "<p>Xin chào <b>Nguyễn Thị Hương</b>, bấm <a href=\"https://ocop.example/dat-lai?token=abc\">vào đây</a>.</p>";

    private PickupDirectoryEmailSender CreateSender(string? directory = null) =>
        new(TempMailFolder.Options(directory ?? folder.Path), new StoppedEmailClock(Now));

    private static EmailMessage ResetMessage() =>
        new("huong@example.vn", "Nguyễn Thị Hương", Subject, TextBody, HtmlBody);

    [Fact]
    public async Task Writes_one_eml_that_parses_back_to_the_same_message()
    {
        await CreateSender().SendAsync(ResetMessage(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder.Path));
        Assert.EndsWith(".eml", file);
        Assert.Matches(@"^20261128T183000\.123Z-[0-9a-f]{8}\.eml$", Path.GetFileName(file));

        var parsed = await MimeMessage.LoadAsync(file);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(parsed.To));
        Assert.Equal("huong@example.vn", to.Address);
        Assert.Equal("Nguyễn Thị Hương", to.Name);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(parsed.From));
        Assert.Equal("no-reply@ocopmarket.local", from.Address);
        Assert.Equal("OcopMarket", from.Name);
        Assert.Equal(Subject, parsed.Subject);
        Assert.Equal(Normalise(TextBody), Normalise(parsed.TextBody));
        Assert.Equal(Normalise(HtmlBody), Normalise(parsed.HtmlBody));
        Assert.Equal(Now.AddMilliseconds(-Now.Millisecond), parsed.Date); // the Date header has whole seconds
        Assert.False(string.IsNullOrEmpty(parsed.MessageId));
    }

    [Fact]
    public async Task File_is_7bit_ascii_with_crlf_lines_and_mime_encoded_vietnamese()
    {
        await CreateSender().SendAsync(ResetMessage(), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.All(bytes, b => Assert.True(b < 0x80, $"non-ASCII byte 0x{b:X2}"));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", text.Replace("\r\n", ""));
        Assert.Matches(@"(?m)^Subject: =\?utf-8\?[BbQq]\?", text);
        Assert.Contains("MIME-Version: 1.0", text);
        Assert.Matches("(?i)Content-Transfer-Encoding: (quoted-printable|base64)", text);
    }

    [Fact]
    public async Task One_file_per_message_and_no_temp_files_left()
    {
        var sender = CreateSender();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => sender.SendAsync(
            new EmailMessage($"khach{i}@example.vn", null, $"Đơn hàng #{i}", $"Nội dung {i}"), CancellationToken.None)));

        var all = Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories);
        Assert.Equal(20, all.Length);
        Assert.All(all, f => Assert.EndsWith(".eml", f));
        var subjects = new List<string?>();
        foreach (var f in all) subjects.Add((await MimeMessage.LoadAsync(f)).Subject);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (string?)$"Đơn hàng #{i}").Order(), subjects.Order());
    }

    [Fact]
    public async Task Creates_the_folder_when_missing()
    {
        var nested = Path.Combine(folder.Path, "App_Data", "mail");
        await CreateSender(nested).SendAsync(ResetMessage(), CancellationToken.None);
        Assert.Single(Directory.GetFiles(nested, "*.eml"));
    }

    [Fact]
    public async Task Message_without_html_is_plain_text()
    {
        await CreateSender().SendAsync(new EmailMessage("an@example.vn", null, "Hồ sơ nhà sản xuất đã được duyệt", "Chúc mừng!"), CancellationToken.None);
        var parsed = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder.Path)));
        Assert.Null(parsed.HtmlBody);
        Assert.Equal("Chúc mừng!", Normalise(parsed.TextBody));
        Assert.Equal("text/plain", Assert.IsAssignableFrom<MimeEntity>(parsed.Body).ContentType.MimeType);
    }

    [Fact]
    public async Task Bare_line_feeds_become_crlf()
    {
        await CreateSender().SendAsync(new EmailMessage("an@example.vn", null, "Trạng thái đơn hàng", "Dòng 1\nDòng 2\rDòng 3"), CancellationToken.None);
        var parsed = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder.Path)));
        // The decoded content as stored (TextPart.Text would hand back this platform's line ends).
        using var decoded = new MemoryStream();
        var content = Assert.IsType<TextPart>(parsed.Body).Content;
        Assert.NotNull(content);
        await content.DecodeToAsync(decoded);
        Assert.Equal("Dòng 1\r\nDòng 2\r\nDòng 3", Encoding.UTF8.GetString(decoded.ToArray()));
    }

    [Fact]
    public async Task Cancelled_send_writes_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateSender().SendAsync(ResetMessage(), cts.Token));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Unwritable_target_surfaces_as_an_exception()
    {
        var blocker = Path.Combine(folder.Path, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        await Assert.ThrowsAnyAsync<IOException>(() => CreateSender(blocker).SendAsync(ResetMessage(), CancellationToken.None));
    }

    [Fact]
    public void Invalid_from_is_refused_at_construction()
    {
        Assert.Throws<InvalidOperationException>(() => new PickupDirectoryEmailSender(
            TempMailFolder.Options(folder.Path, o => o.From = "not a mailbox"), TimeProvider.System));
    }

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n").TrimEnd('\n');

    public void Dispose() => folder.Dispose();
}
