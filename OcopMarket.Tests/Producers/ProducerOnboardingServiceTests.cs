using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Producers;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Producers;

public abstract class ProducerOnboardingServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProducerOnboardingServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProducerOnboardingServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private ProducerOnboardingService _onboarding = null!;
    private Actor _admin = null!, _buyer = null!, _haoDat = null!;

    // Xã Tân Cương (05503) is in Thái Nguyên (19).
    private static readonly ProducerApplicationForm Form = new("HTX Trà Tân Cương Xanh", ProducerType.Cooperative, "4601234567",
        "19", "05503", "0912 345 678", "Hợp tác xã trồng và chế biến chè.", "Xóm Soi Mít", AcceptsSellerRules: true);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        _onboarding = new ProducerOnboardingService(_db, _db.Clock);
        (_haoDat, _, _admin, _buyer) = await PortalTestData.CreateActorsAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [SkippableFact]
    public async Task Approval_creates_a_verified_producer_and_gives_the_account_the_producer_role()
    {
        var id = await _onboarding.ApplyAsync(_buyer, Form);
        var queue = await _onboarding.ListAsync(_admin, ApplicationStatus.Submitted);
        var submitted = Assert.Single(queue);
        Assert.Equal("Xã Tân Cương", submitted.CommuneName);
        Assert.Equal("0912345678", submitted.Phone);

        var producerId = await _onboarding.ApproveAsync(_admin, id, linkToProducerId: null, identityChecked: true);

        await using var db = _db.CreateDbContext();
        var producer = await db.Producers.SingleAsync(p => p.Id == producerId);
        Assert.Equal("HTX Trà Tân Cương Xanh", producer.Name);
        Assert.Equal(VerificationStatus.Verified, producer.Status);
        Assert.Equal("05503", producer.CommuneCode);
        var user = await db.Users.SingleAsync(u => u.Id == _buyer.UserId);
        Assert.Equal(producerId, user.ProducerId);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
        Assert.Contains(Roles.Producer, roles);
        Assert.Equal(ApplicationStatus.Approved, (await _onboarding.MineAsync(_buyer)).Single().Status);
    }

    [SkippableFact]
    public async Task The_seller_page_shows_who_the_seller_is_as_the_officer_checked_it()
    {
        var id = await _onboarding.ApplyAsync(_buyer, Form);
        var producerId = await _onboarding.ApproveAsync(_admin, id, linkToProducerId: null, identityChecked: true);

        var profile = await new OcopMarket.Core.Catalog.ProducerDirectory(_db).FindAsync(
            (await _db.CreateDbContext().Producers.SingleAsync(p => p.Id == producerId)).Slug);
        Assert.NotNull(profile);
        Assert.Equal("4601234567", profile.BusinessRegistrationNumber);
        Assert.Equal("Xóm Soi Mít", profile.Summary.StreetAddress);
        Assert.Equal("0912345678", profile.Phone);
        await using var db = _db.CreateDbContext();
        var officer = await db.Users.SingleAsync(u => u.Id == _admin.UserId);
        Assert.Equal(string.IsNullOrEmpty(officer.DisplayName) ? officer.Email : officer.DisplayName, profile.ApprovedByName);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, profile.ApprovedAt);
    }

    [SkippableFact]
    public async Task Approving_without_checking_the_identity_is_refused_and_changes_nothing()
    {
        var id = await _onboarding.ApplyAsync(_buyer, Form);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _onboarding.ApproveAsync(_admin, id, null, identityChecked: false));
        Assert.Contains("đối chiếu", refusal.Text.Vi);
        Assert.Contains("Check the seller", refusal.Text.En);
        Assert.Equal(ApplicationStatus.Submitted, (await _onboarding.MineAsync(_buyer)).Single().Status);
        await using var db = _db.CreateDbContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == _buyer.UserId)).ProducerId);
    }

    [SkippableFact]
    public async Task Applying_records_the_accepted_rules_version_and_refuses_without_it()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _onboarding.ApplyAsync(_buyer, Form with { AcceptsSellerRules = false }));
        Assert.Equal("Accept the operating rules for sellers to apply.", refusal.Text.En);
        await using (var db = _db.CreateDbContext())
        {
            Assert.False(await db.ProducerApplications.AnyAsync(a => a.UserId == _buyer.UserId));
            Assert.False(await db.ConsentRecords.AnyAsync(r => r.UserId == _buyer.UserId));
        }

        await _onboarding.ApplyAsync(_buyer, Form);
        var mine = (await _onboarding.MineAsync(_buyer)).Single();
        Assert.Equal(OcopMarket.Core.Legal.LegalDocuments.OperatingRules.Current.Version, mine.SellerRulesVersion);
        await using (var db = _db.CreateDbContext())
        {
            var line = await db.ConsentRecords.SingleAsync(r => r.UserId == _buyer.UserId);
            Assert.Equal(OcopMarket.Core.Legal.Domain.ConsentPurpose.SellerRules, line.Purpose);
            Assert.True(line.Granted);
            Assert.Equal(mine.SellerRulesVersion, line.DocumentVersion);
            Assert.Equal(OcopMarket.Core.Legal.Domain.ConsentSource.SellerApplication, line.Source);
        }
    }

    /// <summary>Applying waits for a confirmed email, and the officer's queue says whether the applicant's is.</summary>
    [SkippableFact]
    public async Task An_unconfirmed_email_cannot_apply_and_the_queue_shows_who_confirmed()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Users.Add(new AppUser { Id = "unconfirmed", UserName = "new@test", Email = "new@test", DisplayName = "new" });
            await db.SaveChangesAsync();
        }
        var unconfirmed = new Actor("unconfirmed", null, false);
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(() => _onboarding.ApplyAsync(unconfirmed, Form));
        Assert.Equal(EmailConfirmation.Required, refusal.Text);
        await using (var db = _db.CreateDbContext())
            Assert.False(await db.ProducerApplications.AnyAsync(a => a.UserId == "unconfirmed"));

        await _onboarding.ApplyAsync(_buyer, Form);
        var listed = Assert.Single(await _onboarding.ListAsync(_admin, ApplicationStatus.Submitted));
        Assert.True(listed.ApplicantEmailConfirmed);

        await using (var db = _db.CreateDbContext())
        {
            // An applicant whose email was later changed and not yet confirmed again shows as unconfirmed.
            var buyer = await db.Users.SingleAsync(u => u.Id == _buyer.UserId);
            buyer.EmailConfirmed = false;
            await db.SaveChangesAsync();
        }
        Assert.False(Assert.Single(await _onboarding.ListAsync(_admin, ApplicationStatus.Submitted)).ApplicantEmailConfirmed);
    }

    [SkippableFact]
    public async Task Approval_can_link_the_applicant_to_a_seeded_producer_profile_once()
    {
        await using (var db = _db.CreateDbContext())
        {
            var seeded = await db.Producers.SingleAsync(p => p.Slug == "cong-ty-co-phan-thuong-mai-khai-hoan");
            var id = await _onboarding.ApplyAsync(_buyer, Form with { EntityName = seeded.Name });
            Assert.Equal(seeded.Id, await _onboarding.ApproveAsync(_admin, id, seeded.Id, identityChecked: true));
        }
        await using (var db = _db.CreateDbContext())
        {
            // Hảo Đạt's profile already has an account: linking a second one is refused.
            var other = new AppUser { Id = "u2", UserName = "x@test", Email = "x@test", EmailConfirmed = true, DisplayName = "x" };
            db.Users.Add(other);
            await db.SaveChangesAsync();
            var second = await _onboarding.ApplyAsync(new Actor("u2", null, false), Form);
            await Assert.ThrowsAsync<DomainException>(() => _onboarding.ApproveAsync(_admin, second, _haoDat.ProducerId, identityChecked: true));
        }
    }

    [SkippableFact]
    public async Task Rejection_needs_a_reason_that_the_applicant_then_sees()
    {
        var id = await _onboarding.ApplyAsync(_buyer, Form);
        await Assert.ThrowsAsync<DomainException>(() => _onboarding.RejectAsync(_admin, id, "  "));
        await _onboarding.RejectAsync(_admin, id, "Thiếu giấy phép kinh doanh.");
        var mine = Assert.Single(await _onboarding.MineAsync(_buyer));
        Assert.Equal(ApplicationStatus.Rejected, mine.Status);
        Assert.Equal("Thiếu giấy phép kinh doanh.", mine.RejectionReason);
        await Assert.ThrowsAsync<DomainException>(() => _onboarding.ApproveAsync(_admin, id, null, identityChecked: true)); // decided already
    }

    [SkippableFact]
    public async Task Bad_applications_are_refused_with_a_reason()
    {
        Assert.Contains("không thuộc tỉnh", (await Assert.ThrowsAsync<DomainException>(() =>
            _onboarding.ApplyAsync(_buyer, Form with { ProvinceCode = "01" }))).Message);
        Assert.Contains("điện thoại", (await Assert.ThrowsAsync<DomainException>(() =>
            _onboarding.ApplyAsync(_buyer, Form with { Phone = "12345" }))).Message);
        await _onboarding.ApplyAsync(_buyer, Form);
        Assert.Contains("đang chờ duyệt", (await Assert.ThrowsAsync<DomainException>(() =>
            _onboarding.ApplyAsync(_buyer, Form))).Message);
        Assert.Contains("đã là nhà sản xuất", (await Assert.ThrowsAsync<DomainException>(() =>
            _onboarding.ApplyAsync(_haoDat, Form))).Message);
    }

    [SkippableFact]
    public async Task Only_officers_see_the_queue_and_decide()
    {
        var id = await _onboarding.ApplyAsync(_buyer, Form);
        await Assert.ThrowsAsync<ForbiddenException>(() => _onboarding.ListAsync(_buyer, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => _onboarding.ApproveAsync(_buyer, id, null, identityChecked: true));
        await Assert.ThrowsAsync<ForbiddenException>(() => _onboarding.ApproveAsync(_haoDat, id, null, identityChecked: true));
        await Assert.ThrowsAsync<ForbiddenException>(() => _onboarding.RejectAsync(_haoDat, id, "no"));
        Assert.Equal(ApplicationStatus.Submitted, (await _onboarding.MineAsync(_buyer)).Single().Status);
    }
}
