using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Legal;

/// <summary>The consent ledger on each provider: answers stamped with the version in force, withdrawals as easy as consent.</summary>
public abstract class ConsentServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ConsentServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ConsentServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private Actor _buyer = null!, _other = null!;
    private ConsentService _consents = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_, _, _other, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        _consents = new ConsentService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Registration_answers_are_recorded_with_the_version_in_force_and_nothing_else_is_assumed()
    {
        await _consents.RecordAsync(_buyer.UserId, null,
            [(ConsentPurpose.TermsOfUse, true), (ConsentPurpose.MarketingEmails, false), (ConsentPurpose.ReviewInvitations, true)],
            ConsentSource.Registration);

        var overview = await _consents.OverviewAsync(_buyer.UserId);
        Assert.Equal(3, overview.History.Count);
        Assert.All(overview.History, r => Assert.Equal(ConsentSource.Registration, r.Source));
        Assert.Equal(LegalDocuments.TermsOfUse.Current.Version, overview.History.Single(r => r.Purpose == ConsentPurpose.TermsOfUse).DocumentVersion);
        Assert.Equal(LegalDocuments.PrivacyNotice.Current.Version, overview.History.Single(r => r.Purpose == ConsentPurpose.MarketingEmails).DocumentVersion);
        Assert.False(await _consents.IsGrantedAsync(_buyer.UserId, ConsentPurpose.MarketingEmails));
        Assert.True(await _consents.IsGrantedAsync(_buyer.UserId, ConsentPurpose.ReviewInvitations));
        // Another account said nothing, so it agreed to nothing.
        Assert.False(await _consents.IsGrantedAsync(_other.UserId, ConsentPurpose.ReviewInvitations));
        Assert.Empty((await _consents.OverviewAsync(_other.UserId)).History);
    }

    [SkippableFact]
    public async Task Withdrawing_adds_a_line_and_repeating_an_answer_adds_none()
    {
        await _consents.SetAsync(_buyer.UserId, ConsentPurpose.MarketingEmails, true, ConsentSource.PrivacySettings);
        _db.Clock.Now = _db.Clock.Now.AddMinutes(3);
        await _consents.SetAsync(_buyer.UserId, ConsentPurpose.MarketingEmails, true, ConsentSource.PrivacySettings);
        await _consents.SetAsync(_buyer.UserId, ConsentPurpose.MarketingEmails, false, ConsentSource.PrivacySettings);
        await _consents.SetAsync(_buyer.UserId, ConsentPurpose.ReviewInvitations, false, ConsentSource.PrivacySettings); // already no

        var overview = await _consents.OverviewAsync(_buyer.UserId);
        Assert.Equal([false, true], overview.History.Select(r => r.Granted)); // newest first
        Assert.False(overview.Current.Single(c => c.Purpose == ConsentPurpose.MarketingEmails).Granted);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, overview.History[0].AtUtc);
    }

    [SkippableFact]
    public async Task A_condition_of_the_service_cannot_be_switched_off_and_nothing_is_written()
    {
        foreach (var purpose in new[] { ConsentPurpose.TermsOfUse, ConsentPurpose.OrderProcessing, ConsentPurpose.SellerRules })
        {
            var refusal = await Assert.ThrowsAsync<DomainException>(() => _consents.SetAsync(_buyer.UserId, purpose, false, ConsentSource.PrivacySettings));
            Assert.Contains("xoá tài khoản", refusal.Text.Vi);
            Assert.Contains("delete the account", refusal.Text.En);
        }
        Assert.Empty((await _consents.OverviewAsync(_buyer.UserId)).History);
    }

    [SkippableFact]
    public async Task A_guest_checkout_keeps_its_line_by_the_checkout_and_an_account_takes_its_lines_with_it()
    {
        var checkout = Guid.NewGuid();
        await _consents.RecordAsync(null, checkout, [(ConsentPurpose.OrderProcessing, true)], ConsentSource.Checkout);
        await _consents.RecordAsync(_buyer.UserId, null, [(ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);

        await using (var db = _db.CreateDbContext())
        {
            var guest = await db.ConsentRecords.SingleAsync(r => r.CheckoutId == checkout);
            Assert.Null(guest.UserId);
            Assert.Equal(LegalDocuments.PrivacyNotice.Current.Version, guest.DocumentVersion);
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == _buyer.UserId));
            await db.SaveChangesAsync();
        }
        await using (var db = _db.CreateDbContext())
        {
            Assert.False(await db.ConsentRecords.AnyAsync(r => r.UserId == _buyer.UserId));
            Assert.True(await db.ConsentRecords.AnyAsync(r => r.CheckoutId == checkout));
        }
    }

    [SkippableFact]
    public async Task Only_an_acceptance_of_an_older_version_is_due_again_and_accepting_renews_exactly_it()
    {
        await _consents.RecordAsync(_buyer.UserId, null, [(ConsentPurpose.TermsOfUse, true), (ConsentPurpose.MarketingEmails, true)], ConsentSource.Registration);
        Assert.Empty(await _consents.RenewalsDueAsync(_buyer.UserId));

        await using (var db = _db.CreateDbContext())
        {
            // Older versions: the buyer's terms, and a seller's rules that another account declined.
            db.ConsentRecords.Add(new ConsentRecord(_buyer.UserId, null, ConsentPurpose.TermsOfUse, true, "2026-06-01", ConsentSource.Registration, _db.Clock.Now.UtcDateTime.AddSeconds(1)));
            db.ConsentRecords.Add(new ConsentRecord(_buyer.UserId, null, ConsentPurpose.MarketingEmails, true, "2026-06-01", ConsentSource.PrivacySettings, _db.Clock.Now.UtcDateTime.AddSeconds(1)));
            db.ConsentRecords.Add(new ConsentRecord(_other.UserId, null, ConsentPurpose.SellerRules, false, "2026-06-01", ConsentSource.SellerApplication, _db.Clock.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }
        _db.Clock.Now = _db.Clock.Now.AddMinutes(1);
        Assert.Equal([ConsentPurpose.TermsOfUse], await _consents.RenewalsDueAsync(_buyer.UserId)); // an optional yes is not asked again
        Assert.Empty(await _consents.RenewalsDueAsync(_other.UserId)); // a "no" is not turned into a question

        await _consents.AcceptRenewalsAsync(_buyer.UserId);
        Assert.Empty(await _consents.RenewalsDueAsync(_buyer.UserId));
        var last = (await _consents.OverviewAsync(_buyer.UserId)).History[0];
        Assert.Equal((ConsentPurpose.TermsOfUse, true, LegalDocuments.TermsOfUse.Current.Version, ConsentSource.Renewal), (last.Purpose, last.Granted, last.DocumentVersion, last.Source));
        await _consents.AcceptRenewalsAsync(_other.UserId); // nothing due: nothing written
        Assert.Single((await _consents.OverviewAsync(_other.UserId)).History);
    }

    /// <summary>
    /// The signed-in pages' notice asks once per node for an account with nothing due (a new version is a new build),
    /// and asks every time for one with something due, so accepting ends the notice at once on every node.
    /// </summary>
    [SkippableFact]
    public async Task The_notice_remembers_nothing_due_for_30_seconds_and_never_remembers_due()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.ConsentRecords.Add(new ConsentRecord(_buyer.UserId, null, ConsentPurpose.TermsOfUse, true, "2026-06-01", ConsentSource.Registration, _db.Clock.Now.UtcDateTime));
            db.ConsentRecords.Add(new ConsentRecord(_other.UserId, null, ConsentPurpose.TermsOfUse, true, LegalDocuments.TermsOfUse.Current.Version, ConsentSource.Registration, _db.Clock.Now.UtcDateTime));
            await db.SaveChangesAsync();
        }
        var (nodeA, nodeB) = (new OcopMarket.Web.Components.Pages.Legal.RenewalChecks(_consents, _db.Clock), new OcopMarket.Web.Components.Pages.Legal.RenewalChecks(_consents, _db.Clock));
        Assert.True(await nodeA.AnyDueAsync(_buyer.UserId));
        Assert.True(await nodeB.AnyDueAsync(_buyer.UserId));
        Assert.False(await nodeA.AnyDueAsync(_other.UserId));

        _db.Clock.Now = _db.Clock.Now.AddMinutes(1);
        await _consents.AcceptRenewalsAsync(_buyer.UserId); // on node A; node B learns it on its next ask
        Assert.False(await nodeB.AnyDueAsync(_buyer.UserId));
        Assert.False(await nodeA.AnyDueAsync(_buyer.UserId));

        // What "remembered" means: the other account's answer is not asked for again for 30 s (only a new build could
        // change it; the test writes an older line instead).
        Assert.False(await nodeA.AnyDueAsync(_other.UserId));
        await using (var db = _db.CreateDbContext())
        {
            db.ConsentRecords.Add(new ConsentRecord(_other.UserId, null, ConsentPurpose.TermsOfUse, true, "2026-06-01", ConsentSource.Registration, _db.Clock.Now.UtcDateTime.AddSeconds(1)));
            await db.SaveChangesAsync();
        }
        Assert.False(await nodeA.AnyDueAsync(_other.UserId));
        Assert.True(await nodeB.AnyDueAsync(_other.UserId));
        _db.Clock.Now += OcopMarket.Web.Components.Account.SignedInAccounts.Remember;
        Assert.True(await nodeA.AnyDueAsync(_other.UserId));
    }
}
