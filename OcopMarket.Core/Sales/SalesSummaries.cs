using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Sales.Domain;

namespace OcopMarket.Core.Sales;

/// <summary>
/// Inside every SaveChanges, before the rows are written, adds the <see cref="SalesDelta"/>s and
/// <see cref="ProductSalesDelta"/>s of each order placed, moved to another status or deleted in it: the sales
/// summary commits, or rolls back, with the order change itself, whoever makes it (the pattern of the email outbox).
/// </summary>
public sealed class SalesDeltaRecorder : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is OcopDbContext db) await RecordAsync(db, cancellationToken);
        return result;
    }

    // A synchronous save must not skip the summary either.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is OcopDbContext db) RecordAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private static async Task RecordAsync(OcopDbContext db, CancellationToken ct)
    {
        // A save that failed (a concurrency conflict) leaves its deltas tracked; a retry of the same context recomputes
        // them from the orders, so the earlier ones go, or the retry would count the change twice.
        foreach (var stale in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is SalesDelta or ProductSalesDelta or BuyerDelta).ToList())
            stale.State = EntityState.Detached;

        foreach (var entry in db.ChangeTracker.Entries<Order>().ToList())
        {
            var status = entry.Property(o => o.Status);
            (OrderStatus? was, OrderStatus? now) = entry.State switch
            {
                EntityState.Added => ((OrderStatus?)null, (OrderStatus?)entry.Entity.Status),
                EntityState.Modified => (status.OriginalValue, entry.Entity.Status),
                EntityState.Deleted => (status.OriginalValue, null),
                _ => (null, null),
            };
            if (was == now) continue;
            await LoadLinesAsync(entry, ct);
            var (sales, products, buyers) = SalesDeltas.For(entry.Entity, was, now);
            db.AddRange(sales);
            db.AddRange(products);
            db.AddRange(buyers);
        }
    }

    // A cancel that loaded the order alone still has to take its lines out of the best sellers.
    private static async Task LoadLinesAsync(EntityEntry<Order> entry, CancellationToken ct)
    {
        if (entry.State == EntityState.Added) return;
        var lines = entry.Collection(o => o.Lines);
        if (!lines.IsLoaded) await lines.LoadAsync(ct);
    }
}

/// <summary>
/// Folds the deltas into the summary tables and deletes them, in one transaction: the summaries then hold a few rows
/// per producer and day whatever the number of orders. Safe with several nodes on one database: PostgreSQL takes each
/// delta row once (FOR UPDATE SKIP LOCKED), SQLite has one writer; the upserts add, so folds in any order sum the same.
/// The dashboard adds the deltas not folded yet, so it is exact whenever this runs.
/// </summary>
public sealed class SalesSummaryFolder(IDbContextFactory<OcopDbContext> dbFactory)
{
    /// <summary>At most this many deltas of each kind per statement, so one fold never holds locks for long.</summary>
    public const int Batch = 20_000;

    /// <summary>Folds what is there now, a batch at a time; returns how many delta rows (of the three kinds) were folded.</summary>
    public async Task<int> FoldAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = 0;
        while (true)
        {
            var folded = db.Provider == DatabaseProvider.PostgreSql ? await FoldPostgreSqlAsync(db, ct) : await FoldSqliteAsync(db, ct);
            total += folded;
            if (folded == 0) return total;
        }
    }

    // The two dialects side by side: the same upserts; PostgreSQL deletes and returns the rows it claims in the same
    // statement, SQLite (one writer, held from the first write to the commit) folds the oldest rows and deletes them.
    private static async Task<int> FoldPostgreSqlAsync(OcopDbContext db, CancellationToken ct)
    {
        // Data-modifying WITHs run to completion whatever the outer SELECT reads; it counts the claimed deltas.
        var sales = (await db.Database.SqlQueryRaw<int>($"""
            WITH folded AS (
                DELETE FROM "SalesDeltas" WHERE "Id" IN (SELECT "Id" FROM "SalesDeltas" ORDER BY "Id" LIMIT {Batch} FOR UPDATE SKIP LOCKED)
                RETURNING "ProducerId", "Day", "Status", "Payment", "Orders", "OrdersWithBuyer", "RevenueVnd"),
            summed AS (
                SELECT "ProducerId", "Day", "Status", "Payment", SUM("Orders") AS "Orders", SUM("OrdersWithBuyer") AS "OrdersWithBuyer",
                    SUM("RevenueVnd") AS "RevenueVnd"
                FROM folded GROUP BY "ProducerId", "Day", "Status", "Payment"),
            upserted AS (
                INSERT INTO "SalesDays" ("ProducerId", "Day", "Status", "Payment", "Orders", "OrdersWithBuyer", "RevenueVnd")
                SELECT * FROM summed ORDER BY "ProducerId", "Day", "Status", "Payment"
                ON CONFLICT ("ProducerId", "Day", "Status", "Payment") DO UPDATE SET
                    "Orders" = "SalesDays"."Orders" + excluded."Orders",
                    "OrdersWithBuyer" = "SalesDays"."OrdersWithBuyer" + excluded."OrdersWithBuyer",
                    "RevenueVnd" = "SalesDays"."RevenueVnd" + excluded."RevenueVnd"
                RETURNING 1)
            SELECT COUNT(*)::int AS "Value" FROM folded
            """).ToListAsync(ct)).Single();
        var products = (await db.Database.SqlQueryRaw<int>($"""
            WITH folded AS (
                DELETE FROM "ProductSalesDeltas" WHERE "Id" IN (SELECT "Id" FROM "ProductSalesDeltas" ORDER BY "Id" LIMIT {Batch} FOR UPDATE SKIP LOCKED)
                RETURNING "ProducerId", "Day", "ProductId", "Units", "RevenueVnd"),
            summed AS (
                SELECT "ProducerId", "Day", "ProductId", SUM("Units") AS "Units", SUM("RevenueVnd") AS "RevenueVnd"
                FROM folded GROUP BY "ProducerId", "Day", "ProductId"),
            upserted AS (
                INSERT INTO "ProductSalesDays" ("ProducerId", "Day", "ProductId", "Units", "RevenueVnd")
                SELECT * FROM summed ORDER BY "ProducerId", "Day", "ProductId"
                ON CONFLICT ("ProducerId", "Day", "ProductId") DO UPDATE SET
                    "Units" = "ProductSalesDays"."Units" + excluded."Units",
                    "RevenueVnd" = "ProductSalesDays"."RevenueVnd" + excluded."RevenueVnd"
                RETURNING 1)
            SELECT COUNT(*)::int AS "Value" FROM folded
            """).ToListAsync(ct)).Single();
        var buyers = (await db.Database.SqlQueryRaw<int>($"""
            WITH folded AS (
                DELETE FROM "BuyerDeltas" WHERE "Id" IN (SELECT "Id" FROM "BuyerDeltas" ORDER BY "Id" LIMIT {Batch} FOR UPDATE SKIP LOCKED)
                RETURNING "ProducerId", "Buyer", "Day", "Orders"),
            days AS (
                INSERT INTO "BuyerSalesDays" ("ProducerId", "Buyer", "Day", "Orders")
                SELECT "ProducerId", "Buyer", "Day", SUM("Orders") FROM folded
                GROUP BY "ProducerId", "Buyer", "Day" ORDER BY "ProducerId", "Buyer", "Day"
                ON CONFLICT ("ProducerId", "Buyer", "Day") DO UPDATE SET "Orders" = "BuyerSalesDays"."Orders" + excluded."Orders"
                RETURNING 1),
            totals AS (
                INSERT INTO "SalesBuyers" ("ProducerId", "Buyer", "Orders")
                SELECT "ProducerId", "Buyer", SUM("Orders") FROM folded
                GROUP BY "ProducerId", "Buyer" ORDER BY "ProducerId", "Buyer"
                ON CONFLICT ("ProducerId", "Buyer") DO UPDATE SET "Orders" = "SalesBuyers"."Orders" + excluded."Orders"
                RETURNING 1)
            SELECT COUNT(*)::int AS "Value" FROM folded
            """).ToListAsync(ct)).Single();
        return sales + products + buyers;
    }

    private static async Task<int> FoldSqliteAsync(OcopDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var last = await db.SalesDeltas.OrderBy(d => d.Id).Skip(Batch - 1).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct) ?? long.MaxValue;
        var lastProduct = await db.ProductSalesDeltas.OrderBy(d => d.Id).Skip(Batch - 1).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct) ?? long.MaxValue;
        var lastBuyer = await db.BuyerDeltas.OrderBy(d => d.Id).Skip(Batch - 1).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct) ?? long.MaxValue;
        // WHERE before ON CONFLICT: SQLite's documented way to tell the upsert from a join's ON.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SalesDays" ("ProducerId", "Day", "Status", "Payment", "Orders", "OrdersWithBuyer", "RevenueVnd")
            SELECT "ProducerId", "Day", "Status", "Payment", SUM("Orders"), SUM("OrdersWithBuyer"), SUM("RevenueVnd")
            FROM "SalesDeltas" WHERE "Id" <= {last} GROUP BY "ProducerId", "Day", "Status", "Payment"
            ON CONFLICT ("ProducerId", "Day", "Status", "Payment") DO UPDATE SET
                "Orders" = "SalesDays"."Orders" + excluded."Orders",
                "OrdersWithBuyer" = "SalesDays"."OrdersWithBuyer" + excluded."OrdersWithBuyer",
                "RevenueVnd" = "SalesDays"."RevenueVnd" + excluded."RevenueVnd"
            """, ct);
        var sales = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "SalesDeltas" WHERE "Id" <= {last}""", ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ProductSalesDays" ("ProducerId", "Day", "ProductId", "Units", "RevenueVnd")
            SELECT "ProducerId", "Day", "ProductId", SUM("Units"), SUM("RevenueVnd")
            FROM "ProductSalesDeltas" WHERE "Id" <= {lastProduct} GROUP BY "ProducerId", "Day", "ProductId"
            ON CONFLICT ("ProducerId", "Day", "ProductId") DO UPDATE SET
                "Units" = "ProductSalesDays"."Units" + excluded."Units",
                "RevenueVnd" = "ProductSalesDays"."RevenueVnd" + excluded."RevenueVnd"
            """, ct);
        var products = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "ProductSalesDeltas" WHERE "Id" <= {lastProduct}""", ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "BuyerSalesDays" ("ProducerId", "Buyer", "Day", "Orders")
            SELECT "ProducerId", "Buyer", "Day", SUM("Orders") FROM "BuyerDeltas" WHERE "Id" <= {lastBuyer} GROUP BY "ProducerId", "Buyer", "Day"
            ON CONFLICT ("ProducerId", "Buyer", "Day") DO UPDATE SET "Orders" = "BuyerSalesDays"."Orders" + excluded."Orders"
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SalesBuyers" ("ProducerId", "Buyer", "Orders")
            SELECT "ProducerId", "Buyer", SUM("Orders") FROM "BuyerDeltas" WHERE "Id" <= {lastBuyer} GROUP BY "ProducerId", "Buyer"
            ON CONFLICT ("ProducerId", "Buyer") DO UPDATE SET "Orders" = "SalesBuyers"."Orders" + excluded."Orders"
            """, ct);
        var buyers = await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "BuyerDeltas" WHERE "Id" <= {lastBuyer}""", ct);
        await transaction.CommitAsync(ct);
        return sales + products + buyers;
    }
}

/// <summary>
/// Fills the summaries from the orders already there: run by the migration that made the tables, so existing data is
/// right from the first view. The order's day is its Vietnamese calendar day (UTC+7, no DST), as
/// <see cref="Common.VietnamClock.DayOf"/> takes it.
/// </summary>
public static class SalesSummaryBackfill
{
    public static string Sql(DatabaseProvider provider)
    {
        var day = provider == DatabaseProvider.PostgreSql
            ? """(("o"."PlacedAt" AT TIME ZONE 'UTC') + INTERVAL '7 hours')::date"""
            : """date("o"."PlacedAt", '+7 hours')""";
        var cancelled = (int)OrderStatus.Cancelled;
        const string buyer = """COALESCE("o"."BuyerUserId", "o"."Delivery_Phone")""";
        return $"""
            INSERT INTO "SalesDays" ("ProducerId", "Day", "Status", "Payment", "Orders", "OrdersWithBuyer", "RevenueVnd")
            SELECT "o"."ProducerId", {day}, "o"."Status", "o"."Payment", COUNT(*), COUNT({buyer}),
                SUM("o"."ShippingFeeVnd" + COALESCE((SELECT SUM("l"."UnitPriceVnd" * "l"."Quantity") FROM "OrderLine" AS "l" WHERE "l"."OrderId" = "o"."Id"), 0))
            FROM "Orders" AS "o"
            GROUP BY "o"."ProducerId", {day}, "o"."Status", "o"."Payment";
            INSERT INTO "ProductSalesDays" ("ProducerId", "Day", "ProductId", "Units", "RevenueVnd")
            SELECT "o"."ProducerId", {day}, "l"."ProductId", SUM("l"."Quantity"), SUM("l"."UnitPriceVnd" * "l"."Quantity")
            FROM "Orders" AS "o" JOIN "OrderLine" AS "l" ON "l"."OrderId" = "o"."Id"
            WHERE "o"."Status" <> {cancelled}
            GROUP BY "o"."ProducerId", {day}, "l"."ProductId";
            INSERT INTO "BuyerSalesDays" ("ProducerId", "Buyer", "Day", "Orders")
            SELECT "o"."ProducerId", {buyer}, {day}, COUNT(*)
            FROM "Orders" AS "o"
            WHERE "o"."Status" <> {cancelled} AND {buyer} IS NOT NULL
            GROUP BY "o"."ProducerId", {buyer}, {day};
            INSERT INTO "SalesBuyers" ("ProducerId", "Buyer", "Orders")
            SELECT "ProducerId", "Buyer", SUM("Orders") FROM "BuyerSalesDays" GROUP BY "ProducerId", "Buyer";
            """;
    }
}
