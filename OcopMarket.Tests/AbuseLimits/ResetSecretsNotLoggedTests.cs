using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using OcopMarket.Core.Email;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>A password-reset code is a key to an account: it is in the email only, never in the app's logs.</summary>
public sealed class ResetSecretsNotLoggedTests
{
    /// <summary>The app with one more log sink that keeps every line written, at the levels the app's settings allow.</summary>
    private sealed class LoggedApp : OcopWebFactory
    {
        private readonly CollectingLoggerProvider _logs = new();

        public IEnumerable<string> Lines => _logs.Lines;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_logs));
        }
    }

    [Fact]
    public async Task The_reset_link_and_code_appear_in_no_log_line_from_asking_to_resetting()
    {
        await using var app = new LoggedApp();
        var email = $"log-{Guid.NewGuid():N}@example.test";
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        await AccountHttpTests.PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.AcceptTerms"] = "true", ["Input.DisplayName"] = "Lê Hoa", ["Input.Email"] = email, ["Input.Password"] = "matkhau2026", ["Input.ConfirmPassword"] = "matkhau2026",
        });
        await AccountHttpTests.PostFormAsync(browser, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        var message = Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").Contains("Đặt lại mật khẩu"));
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"http://\S+/Account/ResetPassword\?code=\S+").Value);
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        var token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

        var reset = await AccountHttpTests.PostFormAsync(browser, link.PathAndQuery, "reset-password", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "matkhaumoi2027", ["Input.ConfirmPassword"] = "matkhaumoi2027",
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode); // the code worked, so it was the real one
        Assert.NotEmpty(app.Lines); // the sink did receive the app's logging
        Assert.DoesNotContain(app.Lines, line => line.Contains(code, StringComparison.Ordinal) || line.Contains(token, StringComparison.Ordinal));
    }
}
