using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OcopMarket.Core.Email.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Email;

/// <summary>The outbox worker as the app hosts it: its timer runs on the app's clock, which the test moves.</summary>
public sealed class OutboxWorkerTests
{
    [Fact]
    public async Task Moving_the_clock_on_lets_the_worker_send_a_queued_email_to_the_pickup_directory()
    {
        await using var app = new OcopWebFactory();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<OcopDbContext>>();
        const string subject = "Đơn hàng OCOP-TEST đã được xác nhận";
        long emailId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var email = new OutboxEmail("mai@example.test", subject, "Cảm ơn bạn đã mua hàng.", app.Clock.GetUtcNow().UtcDateTime);
            db.OutboxEmails.Add(email);
            await db.SaveChangesAsync();
            emailId = email.Id;
        }

        async Task<bool> SentAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.OutboxEmails.AnyAsync(e => e.Id == emailId && e.SentAt != null);
        }
        Assert.False(await SentAsync()); // queued, not sent on the spot

        var sent = await app.Clock.AdvanceUntilAsync(TimeSpan.FromSeconds(15), SentAsync);

        Assert.True(sent, "No worker sent the queued email.");
        var files = Directory.GetFiles(app.MailDirectory, "*.eml");
        var mail = Assert.Single(files, f => File.ReadAllText(f).Contains("mai@example.test"));
        var message = await MimeKit.MimeMessage.LoadAsync(mail);
        Assert.Equal(subject, message.Subject);
        Assert.Contains("Cảm ơn bạn đã mua hàng.", message.TextBody);
    }
}
