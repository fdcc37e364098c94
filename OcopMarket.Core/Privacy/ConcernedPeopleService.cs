using System.Text;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Core.Privacy;

/// <summary>The data sets an officer can ask "whom does it concern" about (a breach: what a leaked export, token or table reached).</summary>
public enum DataSet
{
    /// <summary>Orders placed in a window (optionally of one producer).</summary>
    OrdersPlaced = 1,
    /// <summary>Orders placed from one IP address (stored with each order).</summary>
    OrdersFromIp = 2,
    /// <summary>Bookings whose stay or tour starts in a window.</summary>
    Bookings = 3,
    /// <summary>The account holders with rows in one table of <see cref="PersonalDataMap"/> (AspNetUsers: every account).</summary>
    AccountTable = 4,
    /// <summary>Addresses emails were queued to in a window (a leaked outbox).</summary>
    EmailsQueued = 5,
}

/// <param name="From">First Vietnamese day of the window (inclusive); null: from the start.</param>
/// <param name="To">Last Vietnamese day of the window (inclusive); null: up to now.</param>
/// <param name="Table">For <see cref="DataSet.AccountTable"/>: one of <see cref="ConcernedPeopleService.AccountTables"/>.</param>
public sealed record DataSetQuery(DataSet Set, DateOnly? From = null, DateOnly? To = null, int? ProducerId = null, string? Ip = null, string? Table = null);

/// <summary>One person a data set concerns: how to reach them, and how many of its rows are theirs.</summary>
public sealed record ConcernedPerson(bool HasAccount, string? Email, string? Phone, string Name, int Rows);

public sealed record ConcernedPage(int People, IReadOnlyList<ConcernedPerson> Rows, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (People + PageSize - 1) / PageSize);
}

/// <summary>
/// "Whom does this data set concern?" for breach notifications (docs/breach-runbook.md): the people behind a set of rows,
/// one line per person (an account, or a guest by the email or phone they gave), with how to reach them. Grouped in the
/// database and read a page at a time; the CSV stops at <see cref="MaxCsvPeople"/>. Anonymised orders concern nobody.
/// Officers only (with a second factor).
/// </summary>
public sealed class ConcernedPeopleService(IDbContextFactory<OcopDbContext> dbFactory)
{
    public const int PageSize = 50;
    public const int MaxCsvPeople = 100_000;

    /// <summary>The personal tables keyed by an account, as PersonalDataMap names them.</summary>
    public static readonly IReadOnlyList<string> AccountTables =
        ["AspNetUsers", "ConsentRecords", "WishlistItems", "SavedCartItems", "ProducerApplications", "Reviews", "ReviewVotes", "ReviewReports", "DataRequests"];

    /// <summary>A member-initialised class, not a record: EF translates ordering and paging over its members.</summary>
    private sealed class Group
    {
        public string Key { get; init; } = "";
        public bool HasAccount { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Name { get; init; }
        public int Rows { get; init; }
    }

    public async Task<ConcernedPage> FindAsync(Actor officer, DataSetQuery query, int page = 1, CancellationToken ct = default)
    {
        officer.RequireAdmin();
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(db, query);
        var people = await groups.CountAsync(ct);
        var rows = await groups.OrderBy(g => g.Key).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new(people, await ResolveAsync(db, rows, ct), page, PageSize);
    }

    /// <summary>The same people as a CSV file (UTF-8 with BOM), read a thousand at a time.</summary>
    public async Task<byte[]> CsvAsync(Actor officer, DataSetQuery query, CancellationToken ct = default)
    {
        officer.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var csv = new StringBuilder(Csv.Row("account", "email", "phone", "name", "rows")).Append('\n');
        for (var skip = 0; skip < MaxCsvPeople; skip += 1000)
        {
            var rows = await Groups(db, query).OrderBy(g => g.Key).Skip(skip).Take(Math.Min(1000, MaxCsvPeople - skip)).ToListAsync(ct);
            foreach (var p in await ResolveAsync(db, rows, ct))
                csv.Append(Csv.Row(p.HasAccount ? "yes" : "no", p.Email ?? "", p.Phone ?? "", p.Name, p.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
            if (rows.Count < 1000) break;
        }
        return Csv.Utf8File(csv.ToString());
    }

    private static (DateTime? From, DateTime? To) Window(DataSetQuery q) =>
        (q.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamClock.Offset,
         q.To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamClock.Offset);

    private static IQueryable<Group> Groups(OcopDbContext db, DataSetQuery q)
    {
        var (from, to) = Window(q);
        switch (q.Set)
        {
            case DataSet.OrdersPlaced:
            {
                var orders = db.Orders.AsNoTracking();
                if (from is { } f) orders = orders.Where(o => o.PlacedAt >= f);
                if (to is { } t) orders = orders.Where(o => o.PlacedAt < t);
                if (q.ProducerId is { } producer) orders = orders.Where(o => o.ProducerId == producer);
                return OrderGroups(orders);
            }
            case DataSet.OrdersFromIp:
            {
                var ip = (q.Ip ?? "").Trim();
                if (ip.Length == 0) throw new DomainException(new("Hãy nhập địa chỉ IP.", "Enter an IP address."));
                return OrderGroups(db.Orders.AsNoTracking().Where(o => o.PlacedFromIp == ip));
            }
            case DataSet.Bookings:
            {
                var bookings = db.Bookings.AsNoTracking();
                if (q.From is { } f) bookings = bookings.Where(b => b.StartDate >= f);
                if (q.To is { } t) bookings = bookings.Where(b => b.StartDate <= t);
                if (q.ProducerId is { } producer) bookings = bookings.Where(b => b.ProducerId == producer);
                return OrderGroups(db.Orders.AsNoTracking().Where(o => bookings.Any(b => b.OrderId == o.Id)));
            }
            case DataSet.EmailsQueued:
            {
                var mails = db.OutboxEmails.AsNoTracking();
                if (from is { } f) mails = mails.Where(m => m.CreatedAt >= f);
                if (to is { } t) mails = mails.Where(m => m.CreatedAt < t);
                return mails.GroupBy(m => m.To).Select(g => new Group { Key = g.Key, Email = g.Key, Rows = g.Count() });
            }
            case DataSet.AccountTable:
                return AccountIds(db, q.Table).GroupBy(id => id).Select(g => new Group { Key = g.Key, HasAccount = true, Rows = g.Count() });
            default:
                throw new DomainException(new("Hãy chọn một tập dữ liệu.", "Choose a data set."));
        }
    }

    /// <summary>One group per buyer: their account, else the email, else the phone a guest gave. Anonymised orders drop out.</summary>
    private static IQueryable<Group> OrderGroups(IQueryable<Order> orders) => orders
        .Where(o => o.BuyerUserId != null || o.BuyerEmail != null || (o.Delivery != null && o.Delivery.Phone != ""))
        .GroupBy(o => o.BuyerUserId ?? o.BuyerEmail ?? o.Delivery!.Phone)
        .Select(g => new Group
        {
            Key = g.Key, HasAccount = g.Max(o => o.BuyerUserId) != null, Email = g.Max(o => o.BuyerEmail), Phone = g.Max(o => o.Delivery!.Phone),
            Name = g.Max(o => o.Delivery!.RecipientName), Rows = g.Count(),
        });

    private static IQueryable<string> AccountIds(OcopDbContext db, string? table) => table switch
    {
        "AspNetUsers" => db.Users.Select(u => u.Id),
        "ConsentRecords" => db.ConsentRecords.Where(r => r.UserId != null).Select(r => r.UserId!),
        "WishlistItems" => db.Set<Wishlists.Domain.WishlistItem>().Select(w => w.UserId),
        "SavedCartItems" => db.SavedCartItems.Select(c => c.UserId),
        "ProducerApplications" => db.ProducerApplications.Select(a => a.UserId),
        "Reviews" => db.Set<Reviews.Domain.Review>().Where(r => r.AuthorUserId != null).Select(r => r.AuthorUserId!),
        "ReviewVotes" => db.Set<Reviews.Domain.ReviewVote>().Select(v => v.UserId),
        "ReviewReports" => db.Set<Reviews.Domain.ReviewReport>().Select(r => r.UserId),
        "DataRequests" => db.DataRequests.Where(r => r.UserId != null).Select(r => r.UserId!),
        _ => throw new DomainException(new("Hãy chọn một bảng.", "Choose a table.")),
    };

    /// <summary>Accounts' rows get the account's email, name and phone (the person to write to).</summary>
    private static async Task<IReadOnlyList<ConcernedPerson>> ResolveAsync(OcopDbContext db, List<Group> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.HasAccount).Select(r => r.Key).ToList();
        var accounts = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.Email, u.DisplayName, u.PhoneNumber }, ct);
        return [.. rows.Select(r => accounts.TryGetValue(r.Key, out var a)
            ? new ConcernedPerson(true, a.Email, a.PhoneNumber ?? r.Phone, a.DisplayName.Length > 0 ? a.DisplayName : r.Name ?? "", r.Rows)
            : new ConcernedPerson(r.HasAccount, r.Email, string.IsNullOrEmpty(r.Phone) ? null : r.Phone, r.Name ?? "", r.Rows))];
    }
}
