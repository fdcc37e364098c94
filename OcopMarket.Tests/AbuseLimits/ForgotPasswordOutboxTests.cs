using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Accounts;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>
/// Forgot-password answers alike for every email and only queues the email (the outbox worker sends it), at most
/// three times an hour for one account; past that the answer is still the same but nothing is queued.
/// </summary>
public sealed class ForgotPasswordOutboxTests
{
    private const string ResetSubject = "Đặt lại mật khẩu OcopMarket / Reset your password";

    private static async Task<HttpResponseMessage> AskForResetAsync(OcopWebFactory app, string email) =>
        await AccountHttpTests.PostFormAsync(app.CreateClient(new() { AllowAutoRedirect = false }),
            "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });

    private static async Task<int> QueuedResetsAsync(OcopWebFactory app, string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>().CreateDbContextAsync();
        return await db.OutboxEmails.CountAsync(e => e.To == email && e.Subject == ResetSubject);
    }

    /// <summary>
    /// The page as a visitor reads it, without what is made afresh for every response (antiforgery tokens, Blazor's
    /// protected component state, the Content-Security-Policy nonce): the same page twice differs only in those.
    /// </summary>
    private static async Task<string> PageTextAsync(HttpResponseMessage response) =>
        Regex.Replace(await response.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" value=\"[^\"]*\"|<!--Blazor-Server-Component-State:[^>]*-->| nonce=\"[^\"]*\"", "");

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer_and_only_the_known_one_is_queued_once()
    {
        await using var app = new AbuseLimitWebFactory();
        const string known = "buyer@ocopmarket.test";
        const string unknown = "nobody-here@example.test";

        var knownAnswer = await AskForResetAsync(app, known);
        var unknownAnswer = await AskForResetAsync(app, unknown);

        Assert.Equal(HttpStatusCode.OK, knownAnswer.StatusCode);
        Assert.Equal(knownAnswer.StatusCode, unknownAnswer.StatusCode);
        Assert.Equal(await PageTextAsync(knownAnswer), await PageTextAsync(unknownAnswer));
        Assert.Contains("data-testid=\"reset-sent\"", await PageTextAsync(knownAnswer));
        Assert.Equal(1, await QueuedResetsAsync(app, known));
        Assert.Equal(0, await QueuedResetsAsync(app, unknown));
        // Queued, not sent while the visitor waited: nothing is in the mail folder until the worker runs.
        Assert.False(Directory.Exists(app.MailDirectory) && Directory.EnumerateFiles(app.MailDirectory).Any());
    }

    [Fact]
    public async Task One_account_gets_at_most_three_reset_emails_an_hour_and_the_answer_never_changes()
    {
        await using var app = new AbuseLimitWebFactory();
        const string known = "buyer@ocopmarket.test";
        var first = await PageTextAsync(await AskForResetAsync(app, known));

        // Each ask from a browser of its own (its own IP), so the per-IP limit (5 in 15 minutes) is not what stops them.
        for (var n = 2; n <= 5; n++)
        {
            var answer = await AskForResetAsync(app, known);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(first, await PageTextAsync(answer));
        }
        Assert.Equal(3, await QueuedResetsAsync(app, known));

        // An hour on, the account may have another.
        app.Clock.AdjustTime(app.Clock.GetUtcNow().AddHours(1));
        await AskForResetAsync(app, known);
        Assert.Equal(4, await QueuedResetsAsync(app, known));
    }
}
