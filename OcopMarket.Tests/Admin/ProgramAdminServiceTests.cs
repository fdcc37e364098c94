using System.Reflection;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Admin;
using OcopMarket.Core.Catalog;
using OcopMarket.Core.Catalog.Domain;
using OcopMarket.Core.Common;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Tests.Support;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Tests.Admin;

public abstract class ProgramAdminServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProgramAdminServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgreSql() : ProgramAdminServiceTests(DatabaseProvider.PostgreSql);

    private TestDatabase _db = null!;
    private ProgramAdminService _admin = null!;
    private ProducerPortalService _portal = null!;
    private Actor _haoDat = null!, _vanHuong = null!, _officer = null!, _buyer = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider: provider);
        (_haoDat, _vanHuong, _officer, _buyer) = await PortalTestData.CreateActorsAsync(_db);
        _admin = new ProgramAdminService(_db, _db.Clock);
        _portal = new ProducerPortalService(_db, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> ProductOfAsync(Actor producer)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.ProducerId == producer.ProducerId && p.IsPublished).Select(p => p.Id).FirstAsync();
    }

    [SkippableFact]
    public async Task Suspending_a_producer_takes_their_products_out_of_the_shop_and_freezes_their_portal()
    {
        var before = await _db.Catalog().SearchAsync(new CatalogQuery { Search = "van huong" });
        Assert.Equal(3, before.Items.Count(p => p.ProducerName == "Hợp tác xã Vân Hương")); // all three are in the shop before
        await _admin.SuspendProducerAsync(_officer, _vanHuong.ProducerId!.Value, "Hồ sơ chứng nhận cần đối chiếu lại.");

        _db.Clock.Now += CatalogCache.MaxStaleness;
        var after = await _db.Catalog().SearchAsync(new CatalogQuery { Search = "ruou van huong" });
        Assert.DoesNotContain(after.Items, p => p.ProducerName == "Hợp tác xã Vân Hương");

        var product = await ProductOfAsyncAny(_vanHuong);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _portal.PublishAsync(_vanHuong, product));
        Assert.Contains("tạm ngừng", refused.Message);
        Assert.Equal("Hồ sơ chứng nhận cần đối chiếu lại.", (await _portal.DashboardAsync(_vanHuong)).SuspensionReason);

        await _admin.RestoreProducerAsync(_officer, _vanHuong.ProducerId!.Value);
        Assert.Null((await _portal.DashboardAsync(_vanHuong)).SuspensionReason);
        var editable = await _portal.GetAsync(_vanHuong, product);
        Assert.False(editable.IsPublished); // the producer republishes deliberately
        Assert.Contains("tạm ngừng", editable.ModerationNote);
    }

    private async Task<int> ProductOfAsyncAny(Actor producer)
    {
        await using var db = _db.CreateDbContext();
        return await db.Products.Where(p => p.ProducerId == producer.ProducerId).Select(p => p.Id).FirstAsync();
    }

    [SkippableFact]
    public async Task A_taken_down_product_shows_the_reason_to_its_producer_until_republished()
    {
        // Hảo Đạt's tea, whose certificate is valid: it may be published again once the officer's note is answered.
        int id;
        await using (var db = _db.CreateDbContext())
            id = await db.Products.Where(p => p.ProducerId == _haoDat.ProducerId && p.Slug == "che-dinh-tan-cuong").Select(p => p.Id).SingleAsync();
        await Assert.ThrowsAsync<DomainException>(() => _admin.TakeDownProductAsync(_officer, id, " "));
        await _admin.TakeDownProductAsync(_officer, id, "Ảnh không đúng sản phẩm.");
        var seen = await _portal.GetAsync(_haoDat, id);
        Assert.False(seen.IsPublished);
        Assert.Equal("Ảnh không đúng sản phẩm.", seen.ModerationNote);
        Assert.Null(await new ProductDetailsService(_db, _db.Clock).FindAsync(seen.Slug));

        await _portal.PublishAsync(_haoDat, id);
        Assert.Null((await _portal.GetAsync(_haoDat, id)).ModerationNote);
    }

    [SkippableFact]
    public async Task A_verified_certificate_is_shown_as_verified_on_the_product_page()
    {
        var id = await _portal.CreateAsync(_haoDat, new ProductForm("Chè Tân Cương đặc biệt", OcopGroup.Food, "I.5a", "hộp 100 g", 150_000, 5, "Chè."));
        await _portal.AddCertificateAsync(_haoDat, id, new CertificateForm(4, "55/QĐ-UBND", CertifyingLevel.Province, new DateOnly(2025, 5, 1)));
        await _portal.PublishAsync(_haoDat, id);

        var queue = await _admin.CertificatesToVerifyAsync(_officer);
        var entry = queue.Single(c => c.ProductId == id);
        Assert.Equal(new DateOnly(2028, 5, 1), entry.ValidUntil);
        await _admin.VerifyCertificateAsync(_officer, entry.CertificateId);

        var page = await new ProductDetailsService(_db, _db.Clock).FindAsync((await _portal.GetAsync(_haoDat, id)).Slug);
        Assert.True(page!.Certificate!.IsVerifiedByProgram);
        Assert.DoesNotContain(await _admin.CertificatesToVerifyAsync(_officer), c => c.ProductId == id);
    }

    [SkippableFact]
    public async Task Only_officers_may_moderate()
    {
        var id = await ProductOfAsync(_haoDat);
        foreach (var actor in new[] { _buyer, _haoDat })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.ProducersAsync(actor, null));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.ProductsAsync(actor, null));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.SuspendProducerAsync(actor, _vanHuong.ProducerId!.Value, "x"));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.RestoreProducerAsync(actor, _vanHuong.ProducerId!.Value));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.TakeDownProductAsync(actor, id, "x"));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.CertificatesToVerifyAsync(actor));
            await Assert.ThrowsAsync<ForbiddenException>(() => _admin.VerifyCertificateAsync(actor, 1));
        }
        Assert.True((await _portal.GetAsync(_haoDat, id)).IsPublished);
    }

    /// <summary>
    /// Every public operation of the admin desk, found by reflection so a new one is covered the day it is added,
    /// called by a producer and by a buyer with real ids: refused, and nothing about producers or products changed.
    /// </summary>
    [SkippableFact]
    public async Task No_officer_operation_is_open_to_a_producer_or_a_buyer()
    {
        var product = await ProductOfAsync(_haoDat);
        int certificate;
        await using (var db = _db.CreateDbContext())
            certificate = await db.Products.Where(p => p.Id == product).SelectMany(p => p.Certificates).Select(c => c.Id).FirstAsync();
        async Task<string> SnapshotAsync()
        {
            await using var db = _db.CreateDbContext();
            var producers = await db.Producers.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.SuspensionReason}").ToListAsync();
            var products = await db.Products.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.IsPublished}:{p.ModerationNote}").ToListAsync();
            var certificates = await db.Products.SelectMany(p => p.Certificates).Where(c => c.IsVerifiedByProgram).CountAsync();
            return string.Join(",", producers) + "|" + string.Join(",", products) + "|" + certificates;
        }
        // Ids of real rows for every id parameter: a refusal must come from who asks, not from a missing row.
        object? Argument(ParameterInfo p, Actor actor) => p.ParameterType switch
        {
            var t when t == typeof(Actor) => actor,
            var t when t == typeof(CancellationToken) => CancellationToken.None,
            var t when t == typeof(int) && p.Name == "producerId" => _haoDat.ProducerId!.Value,
            var t when t == typeof(int) && p.Name == "productId" => product,
            var t when t == typeof(int) && p.Name == "certificateId" => certificate,
            var t when t == typeof(string) && p.Name == "phoneOrIp" => "0912345678",
            var t when t == typeof(string) => "Lý do",
            _ => throw new InvalidOperationException($"No argument for {p.Member.Name}({p.Name}): add one here."),
        };

        var operations = typeof(ProgramAdminService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        Assert.Equal(9, operations.Length); // producers, suspend, restore, products, take down, certificates, verify, open orders from, cancel them
        var before = await SnapshotAsync();
        foreach (var actor in new[] { _haoDat, _buyer })
        foreach (var operation in operations)
        {
            var call = (Task)operation.Invoke(_admin, [.. operation.GetParameters().Select(p => Argument(p, actor))])!;
            await Assert.ThrowsAsync<ForbiddenException>(() => call);
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [SkippableFact]
    public async Task Producers_list_searches_without_diacritics()
    {
        var rows = await _admin.ProducersAsync(_officer, "hop tac xa che hao dat");
        var row = Assert.Single(rows);
        Assert.Equal("Hợp tác xã chè Hảo Đạt", row.Name);
        Assert.Equal(VerificationStatus.Verified, row.Status);
    }

    [SkippableFact]
    public async Task Profile_edits_keep_the_2025_address_shape_and_validate_the_bank_account()
    {
        var profile = await _portal.GetProfileAsync(_haoDat);
        await _portal.UpdateProfileAsync(_haoDat, profile with
        {
            StreetAddress = "Xóm Soi, thôn Hoàng Bình", Story = "Ba thế hệ làm chè.", Phone = "0912 345 678",
            BankBin = "970436", BankAccountNumber = "0123 456 789", BankAccountName = "Htx che Hao Dat",
        });
        var saved = await _portal.GetProfileAsync(_haoDat);
        Assert.Equal("0123456789", saved.BankAccountNumber);
        Assert.Equal("HTX CHE HAO DAT", saved.BankAccountName);
        Assert.Equal("0912345678", saved.Phone);
        var page = await new OcopMarket.Core.Catalog.ProducerDirectory(_db).FindAsync("hop-tac-xa-che-hao-dat");
        Assert.Equal("Xóm Soi, thôn Hoàng Bình", page!.Summary.StreetAddress);
        Assert.Equal("Xã Tân Cương", page.Summary.CommuneName);

        await Assert.ThrowsAsync<DomainException>(() => _portal.UpdateProfileAsync(_haoDat, saved with { BankBin = "999999" }));
        await Assert.ThrowsAsync<DomainException>(() => _portal.UpdateProfileAsync(_haoDat, saved with { BankAccountNumber = "12" }));
        await Assert.ThrowsAsync<DomainException>(() => _portal.UpdateProfileAsync(_haoDat, saved with { CommuneCode = "00004" })); // Hà Nội ward
        Assert.Equal(saved, await _portal.GetProfileAsync(_haoDat));
    }

    [SkippableFact]
    public async Task A_company_states_whether_it_is_an_sme_and_a_cooperative_cannot_claim_to_be_one()
    {
        var coop = await _portal.GetProfileAsync(_haoDat);
        Assert.Equal(ProducerType.Cooperative, coop.Type);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _portal.UpdateProfileAsync(_haoDat, coop with { IsSme = true, Story = "Đổi" }));
        Assert.Contains("Only an enterprise", refused.Text.En);
        Assert.NotEqual("Đổi", (await _portal.GetProfileAsync(_haoDat)).Story); // nothing of the refused form was saved

        await using var db = _db.CreateDbContext();
        var firmId = await db.Producers.Where(p => p.Type == ProducerType.Company).Select(p => p.Id).FirstAsync();
        var firm = new Actor(_haoDat.UserId, firmId, false);
        var profile = await _portal.GetProfileAsync(firm);
        Assert.Null(profile.IsSme);
        await _portal.UpdateProfileAsync(firm, profile with { IsSme = true });
        Assert.True((await _portal.GetProfileAsync(firm)).IsSme);
        await _portal.UpdateProfileAsync(firm, profile with { IsSme = false });
        Assert.False((await _portal.GetProfileAsync(firm)).IsSme);
    }

    [SkippableFact]
    public async Task Moving_province_moves_the_products_in_the_catalog()
    {
        var profile = await _portal.GetProfileAsync(_haoDat);
        await _portal.UpdateProfileAsync(_haoDat, profile with { ProvinceCode = "01", CommuneCode = "00004" });
        _db.Clock.Now += CatalogCache.MaxStaleness;
        var hanoi = await _db.Catalog().SearchAsync(new CatalogQuery { ProvinceSlug = "ha-noi", Search = "che dinh tan cuong" });
        Assert.Contains(hanoi.Items, p => p.Slug == "che-dinh-tan-cuong");
    }
}
