using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;
using OcopMarket.Web.Workers;

namespace OcopMarket.Tests.Email;

/// <summary>
/// Sent emails lose their bodies (order links with their secret, reset codes) once Email:SentBodyRetentionDays
/// (7 by default) has passed; the outbox worker does it on the app's clock.
/// </summary>
public sealed class OutboxBodyPurgeTests
{
    private const string Body = "Mở đơn hàng: https://ocopmarket.test/don-hang/1?t=secret-token";

    [Fact]
    public async Task The_worker_blanks_the_bodies_of_emails_sent_more_than_seven_days_ago_and_keeps_the_rest()
    {
        await using var app = new OcopWebFactory();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        long sentEightDaysAgo, sentSixDaysAgo, failing;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var old = new OutboxEmail("an@example.test", "Đơn cũ", Body, now.AddDays(-8));
            old.MarkSent(now.AddDays(-8));
            var recent = new OutboxEmail("binh@example.test", "Đơn mới", Body, now.AddDays(-6));
            recent.MarkSent(now.AddDays(-6));
            // Never sent (the mail server refused it every time): its body is still needed to send it.
            var neverSent = new OutboxEmail("chi@example.test", "Chưa gửi", Body, now.AddDays(-30));
            for (var i = 0; i < OutboxEmail.MaxAttempts; i++) neverSent.MarkFailed("refused", now.AddDays(-30));
            db.OutboxEmails.AddRange(old, recent, neverSent);
            await db.SaveChangesAsync();
            (sentEightDaysAgo, sentSixDaysAgo, failing) = (old.Id, recent.Id, neverSent.Id);
        }

        async Task<string> BodyOfAsync(long id)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.OutboxEmails.Where(e => e.Id == id).Select(e => e.Body).SingleAsync();
        }

        Assert.True(await app.Clock.AdvanceUntilAsync(TimeSpan.FromSeconds(15), async () => await BodyOfAsync(sentEightDaysAgo) == ""),
            "No worker blanked the body of the email sent eight days ago.");
        Assert.Equal(Body, await BodyOfAsync(sentSixDaysAgo));
        Assert.Equal(Body, await BodyOfAsync(failing));

        // Two days on, the other sent email is past its seven days too, and goes at the next hourly purge.
        app.Clock.AdjustTime(app.Clock.GetUtcNow().AddDays(2));
        Assert.True(await app.Clock.AdvanceUntilAsync(OutboxWorker.PurgeInterval, async () => await BodyOfAsync(sentSixDaysAgo) == ""),
            "The email sent six days earlier kept its body past its retention.");
        Assert.Equal(Body, await BodyOfAsync(failing));

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            // The record of what was sent to whom, and when, stays.
            var kept = await db.OutboxEmails.SingleAsync(e => e.Id == sentEightDaysAgo);
            Assert.Equal(("an@example.test", "Đơn cũ"), (kept.To, kept.Subject));
            Assert.Equal(now.AddDays(-8), kept.SentAt);
        }
    }
}
