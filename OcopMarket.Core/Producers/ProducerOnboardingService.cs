using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Legal;
using OcopMarket.Core.Legal.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Producers.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Producers;

public sealed record ProducerApplicationForm(
    string EntityName, ProducerType Type, string BusinessRegistrationNumber, string ProvinceCode, string CommuneCode,
    string Phone, string Description, string StreetAddress, bool AcceptsSellerRules);

public sealed record ApplicationView(
    int Id, string UserId, string ApplicantEmail, string EntityName, ProducerType Type, string BusinessRegistrationNumber,
    string ProvinceName, string CommuneName, string Phone, string Description, DateTime SubmittedAt,
    ApplicationStatus Status, string? RejectionReason, DateTime? DecidedAt, int? ProducerId, bool ApplicantEmailConfirmed,
    string? StreetAddress, string? SellerRulesVersion);

/// <summary>Becoming a producer: a user applies, a programme officer approves or rejects.</summary>
public sealed class ProducerOnboardingService(IDbContextFactory<OcopDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> ApplyAsync(Actor actor, ProducerApplicationForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (actor.IsProducer) throw new DomainException(new("Tài khoản này đã là nhà sản xuất.", "This account is already a producer."));
        await EmailConfirmation.RequireAsync(db, actor, ct);
        if (await db.ProducerApplications.AnyAsync(a => a.UserId == actor.UserId && a.Status == ApplicationStatus.Submitted, ct))
            throw new DomainException(new("Bạn đã có một đơn đang chờ duyệt.", "You already have an application waiting for review."));
        // Accepting the operating rules in force is part of applying (Decree 52/2013 Art. 37; the rules' own § 8).
        if (!form.AcceptsSellerRules)
            throw new DomainException(new("Hãy đồng ý với Quy chế hoạt động dành cho người bán để nộp đơn.", "Accept the operating rules for sellers to apply."));
        var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == form.CommuneCode, ct);
        if (commune is null || commune.ProvinceCode != form.ProvinceCode)
            throw new DomainException(new("Xã/phường không thuộc tỉnh đã chọn.", "That commune or ward is not in the chosen province."));
        if (!PhoneNumbers.IsVietnamesePhone(form.Phone))
            throw new DomainException(new("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", "That is not a valid Vietnamese phone number (e.g. 0912 345 678)."));

        var now = clock.GetUtcNow().UtcDateTime;
        var rules = LegalDocuments.Of(ConsentPurpose.SellerRules).Current.Version;
        var application = new ProducerApplication(actor.UserId, form.EntityName, form.Type, form.BusinessRegistrationNumber,
            form.ProvinceCode, form.CommuneCode, PhoneNumbers.Normalise(form.Phone), form.Description, now, form.StreetAddress, rules);
        db.ProducerApplications.Add(application);
        // The acceptance goes into the consent ledger in the same commit as the application it belongs to.
        db.ConsentRecords.Add(new ConsentRecord(actor.UserId, null, ConsentPurpose.SellerRules, true, rules, ConsentSource.SellerApplication, now));
        await db.SaveChangesAsync(ct);
        return application.Id;
    }

    /// <summary>The actor's own applications, newest first.</summary>
    public async Task<IReadOnlyList<ApplicationView>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Views(db, db.ProducerApplications.Where(a => a.UserId == actor.UserId)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ApplicationView>> ListAsync(Actor actor, ApplicationStatus? status, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.ProducerApplications.AsQueryable();
        if (status is { } s) q = q.Where(a => a.Status == s);
        return await Views(db, q).ToListAsync(ct);
    }

    /// <summary>
    /// Approves: links the applicant to an existing producer profile (a seeded one, say) or creates one from the
    /// application, and gives the account the Producer role.
    /// </summary>
    /// <param name="identityChecked">
    /// The officer compared the registered name, number and address with the national business registration portal
    /// (or the commune's household business register): approval without it is refused, since the seller's page will
    /// show these as checked.
    /// </param>
    public async Task<int> ApproveAsync(Actor actor, int applicationId, int? linkToProducerId, bool identityChecked, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        if (!identityChecked)
            throw new DomainException(new("Hãy đối chiếu tên, mã số đăng ký và địa chỉ của người bán trước khi duyệt.",
                "Check the seller's registered name, number and address before approving."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var application = await db.ProducerApplications.FirstOrDefaultAsync(a => a.Id == applicationId, ct)
            ?? throw new DomainException(new("Không tìm thấy đơn đăng ký.", "Application not found."));
        var user = await db.Users.FirstAsync(u => u.Id == application.UserId, ct);

        Producer producer;
        if (linkToProducerId is { } existingId)
        {
            producer = await db.Producers.FirstOrDefaultAsync(p => p.Id == existingId, ct)
                ?? throw new DomainException(new("Không tìm thấy hồ sơ nhà sản xuất để liên kết.", "No producer profile was found to link."));
            if (await db.Users.AnyAsync(u => u.ProducerId == existingId, ct))
                throw new DomainException(new("Hồ sơ nhà sản xuất này đã gắn với một tài khoản khác.", "This producer profile is already linked to another account."));
        }
        else
        {
            producer = new Producer(application.EntityName, await UniqueProducerSlugAsync(db, application.EntityName, ct),
                application.Type, application.ProvinceCode);
            producer.Locate(application.ProvinceCode, application.CommuneCode, application.StreetAddress);
            producer.UpdateProfile(application.Phone, application.Description, null);
            db.Producers.Add(producer);
        }
        producer.Verify();
        var officer = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefaultAsync(ct);
        producer.RecordIdentityCheck(application.BusinessRegistrationNumber, officer ?? actor.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);

        application.Approve(producer.Id, clock.GetUtcNow().UtcDateTime);
        user.ProducerId = producer.Id;
        var roleId = await db.Roles.Where(r => r.Name == Roles.Producer).Select(r => r.Id).SingleAsync(ct);
        if (!await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId, ct))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync(ct);
        return producer.Id;
    }

    public async Task RejectAsync(Actor actor, int applicationId, string reason, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var application = await db.ProducerApplications.FirstOrDefaultAsync(a => a.Id == applicationId, ct)
            ?? throw new DomainException(new("Không tìm thấy đơn đăng ký.", "Application not found."));
        application.Reject(reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private static Task<string> UniqueProducerSlugAsync(OcopDbContext db, string name, CancellationToken ct) =>
        VietnameseText.UniqueSlugAsync(name, "nha-san-xuat", slug => db.Producers.AnyAsync(p => p.Slug == slug, ct));

    private static IQueryable<ApplicationView> Views(OcopDbContext db, IQueryable<ProducerApplication> applications) =>
        from a in applications
        join u in db.Users on a.UserId equals u.Id
        join p in db.Provinces on a.ProvinceCode equals p.Code
        join c in db.Communes on a.CommuneCode equals c.Code
        orderby a.SubmittedAt descending, a.Id descending
        select new ApplicationView(a.Id, a.UserId, u.Email ?? "", a.EntityName, a.Type, a.BusinessRegistrationNumber,
            p.Name, c.Name, a.Phone, a.Description, a.SubmittedAt, a.Status, a.RejectionReason, a.DecidedAt, a.ProducerId, u.EmailConfirmed,
            a.StreetAddress, a.SellerRulesVersion);
}
