using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Admin.Domain;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Admin;

/// <summary>The rules of an authority's takedown, without a database.</summary>
public sealed class AuthorityTakedownDomainTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    private static AuthorityTakedown Record(DateTime received, DateTime? due, string authority = "Chi cục Quản lý thị trường Thái Nguyên",
        string reference = "123/QLTT-NV", string reason = "Nghi hàng giả nhãn OCOP") =>
        AuthorityTakedown.Record(TakedownTarget.Product, 1, 1, "Chè Tân Cương", authority, reference, reason, received, due, "officer", "Cán bộ A", Now);

    [Fact]
    public void Without_a_deadline_in_the_letter_it_is_24_hours_after_receipt_and_lateness_is_against_it()
    {
        var onTime = Record(Now.AddHours(-23), null);
        Assert.Equal(Now.AddHours(1), onTime.DueBy);
        Assert.False(onTime.WasLate);

        var late = Record(Now.AddHours(-30), null);
        Assert.True(late.WasLate);
        var letterSaysThreeDays = Record(Now.AddHours(-30), Now.AddHours(-30).AddDays(3));
        Assert.False(letterSaysThreeDays.WasLate);
        Assert.Equal("Gỡ theo yêu cầu của Chi cục Quản lý thị trường Thái Nguyên (văn bản 123/QLTT-NV): Nghi hàng giả nhãn OCOP", late.NoteForProducer);
    }

    [Theory]
    [InlineData("", "123", "lý do", "Hãy ghi cơ quan yêu cầu gỡ.", "Please name the authority that asked for the takedown.")]
    [InlineData("QLTT", " ", "lý do", "Hãy ghi số hoặc ký hiệu văn bản yêu cầu.", "Please give the reference of the authority's request.")]
    [InlineData("QLTT", "123", "", "Hãy ghi lý do gỡ để nhà sản xuất biết.", "Please give the reason, so the producer knows.")]
    public void A_request_without_its_authority_reference_or_reason_is_refused_in_both_languages(string authority, string reference, string reason, string vi, string en)
    {
        var refused = Assert.Throws<DomainException>(() => Record(Now.AddHours(-1), null, authority, reference, reason));
        Assert.Equal(new UserText(vi, en), refused.Text);
    }

    [Fact]
    public void Dates_that_cannot_be_are_refused_and_a_lift_needs_its_reason_and_happens_once()
    {
        Assert.Throws<DomainException>(() => Record(Now.AddHours(1), null)); // received in the future
        Assert.Throws<DomainException>(() => Record(Now.AddHours(-5), Now.AddHours(-6))); // due before received

        var takedown = Record(Now.AddHours(-1), null);
        Assert.Throws<DomainException>(() => takedown.Lift("Cán bộ B", " ", Now));
        takedown.Lift("Cán bộ B", "Văn bản 130/QLTT rút yêu cầu", Now);
        Assert.True(takedown.IsLifted);
        Assert.Throws<DomainException>(() => takedown.Lift("Cán bộ B", "lần nữa", Now));
    }

    [Theory]
    [InlineData("https://ocopmarket.vn/san-pham/che-dinh-tan-cuong?x=1", TakedownTarget.Product, "che-dinh-tan-cuong")]
    [InlineData("/en/san-pham/che-dinh-tan-cuong/", TakedownTarget.Product, "che-dinh-tan-cuong")]
    [InlineData("che-dinh-tan-cuong", TakedownTarget.Product, "che-dinh-tan-cuong")]
    [InlineData("ocopmarket.vn/nha-san-xuat/htx-van-huong#top", TakedownTarget.Producer, "htx-van-huong")]
    public void The_target_is_found_from_the_address_the_letter_quotes(string pasted, TakedownTarget kind, string slug) =>
        Assert.Equal(slug, AuthorityTakedownService.SlugOf(pasted, kind));
}

/// <summary>Takedowns on each provider: done with the log in one save, held against re-publishing, lifted with a note.</summary>
public abstract class AuthorityTakedownServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AuthorityTakedownServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : AuthorityTakedownServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private AuthorityTakedownService _takedowns = null!;
    private ProducerPortalService _portal = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _officer = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        _takedowns = new AuthorityTakedownService(_db, _db.Clock);
        _portal = new ProducerPortalService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Id, string Slug)> PublishedProductOfAsync(Actor producer)
    {
        await using var db = _db.CreateDbContext();
        var today = VietnamClock.Today(_db.Clock).AddDays(30);
        // One its producer could publish again: a certificate still current a month from now.
        return await db.Products.Where(p => p.ProducerId == producer.ProducerId && p.IsPublished && p.CertificateValidUntil >= today).OrderBy(p => p.Id)
            .Select(p => new ValueTuple<int, string>(p.Id, p.Slug)).FirstAsync();
    }

    private TakedownRequest Letter(TakedownTarget kind, string target, DateTime? due = null) =>
        new(kind, target, "Chi cục Quản lý thị trường Thái Nguyên", "123/QLTT-NV", "Nghi hàng giả", _db.Clock.Now.UtcDateTime.AddHours(-2), due);

    [SkippableFact]
    public async Task A_product_taken_down_at_an_authoritys_request_is_hidden_held_and_logged_until_an_officer_lifts_it()
    {
        var (id, slug) = await PublishedProductOfAsync(_haoDat);
        var takedownId = await _takedowns.TakeDownAsync(_officer, Letter(TakedownTarget.Product, $"https://ocopmarket.vn/san-pham/{slug}"));

        var editable = await _portal.GetAsync(_haoDat, id);
        Assert.False(editable.IsPublished);
        Assert.Equal("Gỡ theo yêu cầu của Chi cục Quản lý thị trường Thái Nguyên (văn bản 123/QLTT-NV): Nghi hàng giả", editable.ModerationNote);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _portal.PublishAsync(_haoDat, id));
        Assert.StartsWith("This product was taken down at a state authority's request", refused.Text.En);

        var row = Assert.Single(await _takedowns.LogAsync(_officer));
        Assert.Equal((takedownId, TakedownTarget.Product, slug, "123/QLTT-NV", await OfficerNameAsync()), (row.Id, row.Target, row.Slug, row.Reference, row.OfficerName));
        Assert.False(row.WasLate);
        Assert.Equal(_db.Clock.Now.UtcDateTime.AddHours(22), row.DueBy); // 24 hours after the letter arrived

        _db.Clock.Now = _db.Clock.Now.AddDays(3);
        await Assert.ThrowsAsync<DomainException>(() => _takedowns.LiftAsync(_officer, takedownId, ""));
        await _takedowns.LiftAsync(_officer, takedownId, "Văn bản 130/QLTT-NV rút yêu cầu");
        Assert.NotNull(Assert.Single(await _takedowns.LogAsync(_officer)).LiftedAt);
        Assert.False((await _portal.GetAsync(_haoDat, id)).IsPublished); // lifting re-publishes nothing by itself
        await _portal.PublishAsync(_haoDat, id); // the producer may now
        Assert.True((await _portal.GetAsync(_haoDat, id)).IsPublished);
    }

    private async Task<string> OfficerNameAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Users.Where(u => u.Id == _officer.UserId).Select(u => u.DisplayName).SingleAsync();
    }

    [SkippableFact]
    public async Task A_seller_taken_down_is_suspended_with_all_its_listings_and_a_late_takedown_says_so()
    {
        string producerSlug;
        await using (var db = _db.CreateDbContext())
            producerSlug = await db.Producers.Where(p => p.Id == _vanHuong.ProducerId).Select(p => p.Slug).SingleAsync();
        var received = _db.Clock.Now.UtcDateTime.AddHours(-30);
        await _takedowns.TakeDownAsync(_officer, Letter(TakedownTarget.Producer, producerSlug) with { ReceivedAt = received });

        await using (var db = _db.CreateDbContext())
        {
            var producer = await db.Producers.SingleAsync(p => p.Id == _vanHuong.ProducerId);
            Assert.Equal(VerificationStatus.Suspended, producer.Status);
            Assert.False(await db.Products.AnyAsync(p => p.ProducerId == _vanHuong.ProducerId && p.IsPublished));
        }
        Assert.True(Assert.Single(await _takedowns.LogAsync(_officer)).WasLate); // 30 hours after a 24-hour letter
        var product = await FirstProductIdAsync(_vanHuong);
        await Assert.ThrowsAsync<ForbiddenException>(() => _portal.PublishAsync(_vanHuong, product));
    }

    private async Task<int> FirstProductIdAsync(Actor producer)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.ProducerId == producer.ProducerId).Select(p => p.Id).FirstAsync();
    }

    [SkippableFact]
    public async Task Only_officers_record_or_lift_and_an_unknown_address_is_refused_without_a_log_line()
    {
        var (_, slug) = await PublishedProductOfAsync(_haoDat);
        await Assert.ThrowsAsync<ForbiddenException>(() => _takedowns.TakeDownAsync(_haoDat, Letter(TakedownTarget.Product, slug)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _takedowns.TakeDownAsync(_buyer, Letter(TakedownTarget.Product, slug)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _takedowns.LogAsync(_vanHuong));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => _takedowns.TakeDownAsync(_officer, Letter(TakedownTarget.Product, "/san-pham/khong-co")));
        Assert.Equal("No product at “/san-pham/khong-co”.", unknown.Text.En);
        await Assert.ThrowsAsync<DomainException>(() => _takedowns.TakeDownAsync(_officer, Letter(TakedownTarget.Product, slug) with { Reference = "" }));

        Assert.Empty(await _takedowns.LogAsync(_officer));
        Assert.True((await _portal.GetAsync(_haoDat, (await PublishedProductOfAsync(_haoDat)).Id)).IsPublished);
    }
}
