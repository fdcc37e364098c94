using OcopMarket.Bench.Shared;
using System.Globalization;
using System.Text;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OcopMarket.Bench.Checkout;

/// <summary>
/// The two database steps around a run, in plain SQL on the app's database (SQLite file or PostgreSQL) while the app is stopped:
/// set the hot products' stock before, and check after that nothing was oversold.
/// </summary>
internal static class StockDb
{
    /// <summary>"slug=100,other=100" → ordered (slug, stock) pairs.</summary>
    public static IReadOnlyList<(string Slug, int Stock)> ParseStockSpec(string spec)
    {
        var result = new List<(string, int)>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !int.TryParse(part[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                throw new BenchFailure($"--stock expects slug=K[,slug=K…], not '{part}'.");
            result.Add((part[..eq], k));
        }
        if (result.Count == 0) throw new BenchFailure("--stock is empty.");
        if (result.Select(r => r.Item1).Distinct(StringComparer.Ordinal).Count() != result.Count)
            throw new BenchFailure("--stock lists a slug twice.");
        return result;
    }

    /// <summary>
    /// A plain ADO.NET connection to the app's database, without the app's code. The statements below are written once
    /// for both providers: identifiers double-quoted (SQLite accepts that too) and parameters as <c>@name</c>.
    /// </summary>
    private static async Task<DbConnection> OpenAsync(BenchDatabase database, bool readOnly)
    {
        await database.RequireExistsAsync();
        DbConnection c = database.IsSqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = database.FilePath, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.PgConnection) { Pooling = false }.ToString());
        await c.OpenAsync();
        return c;
    }

    private static DbCommand Command(DbConnection c, string sql, params (string Name, object Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<long> ScalarAsync(DbConnection c, string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = Command(c, sql, args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static long Int(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static async Task<int> SetStockAsync(BenchDatabase database, IReadOnlyList<(string Slug, int Stock)> spec)
    {
        await using var c = await OpenAsync(database, readOnly: false);
        // The check after the run counts every order in the database, so it must start from none.
        var orders = await ScalarAsync(c, "SELECT COUNT(*) FROM \"Orders\"");
        if (orders != 0) throw new BenchFailure($"{database.Label} already holds {orders} orders; start from a freshly generated database.");

        await using var tx = await c.BeginTransactionAsync();
        foreach (var (slug, k) in spec)
        {
            await using var cmd = Command(c, "UPDATE \"Products\" SET \"Stock\" = @k WHERE \"Slug\" = @slug AND \"IsPublished\"",
                ("@k", k), ("@slug", slug));
            cmd.Transaction = tx;
            if (await cmd.ExecuteNonQueryAsync() != 1)
                throw new BenchFailure($"No published product with slug '{slug}'.");
        }
        await tx.CommitAsync();

        foreach (var (slug, _) in spec)
        {
            await using var cmd = Command(c, """
                SELECT p."Id", p."Name", p."PriceVnd", p."Stock", p."ProducerId" FROM "Products" p WHERE p."Slug" = @slug
                """, ("@slug", slug));
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{slug}: id {Int(r, 0)}, \"{r.GetString(1)}\", {Int(r, 2):N0} VND, producer {Int(r, 4)}, stock set to {Int(r, 3)}"));
        }
        return 0;
    }

    /// <summary>
    /// After the run (app stopped): for each product whose stock was set, units sold (sum of its order lines) must equal
    /// K − final stock, the final stock must not be negative and sold must not exceed K. The orders in the database must be
    /// exactly the checkouts the buyers saw succeed (same checkout ids, one line of one unit each), and no other product
    /// may have been sold.
    /// </summary>
    public static async Task<int> VerifyAsync(BenchDatabase database, IReadOnlyList<(string Slug, int Stock)> spec, string placedFile, string? outFile)
    {
        var placed = (await File.ReadAllLinesAsync(placedFile))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (CheckoutId: Guid.Parse(f[0]), Slug: f[1], Phase: f[2]))
            .ToList();
        var problems = new List<string>();
        var report = new StringBuilder();

        await using var c = await OpenAsync(database, readOnly: true);
        report.AppendLine("| product | stock before (K) | units sold (order lines) | final stock | K − final | buyers told \"placed\" | check |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        var slugs = spec.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var (slug, k) in spec)
        {
            var id = await ScalarAsync(c, "SELECT \"Id\" FROM \"Products\" WHERE \"Slug\" = @slug", ("@slug", slug));
            var final = await ScalarAsync(c, "SELECT \"Stock\" FROM \"Products\" WHERE \"Id\" = @id", ("@id", (int)id));
            var sold = await ScalarAsync(c, "SELECT COALESCE(SUM(\"Quantity\"), 0) FROM \"OrderLine\" WHERE \"ProductId\" = @id", ("@id", (int)id));
            var told = placed.Count(p => p.Slug == slug);
            var bad = new List<string>();
            if (final < 0) bad.Add("final stock below 0");
            if (sold > k) bad.Add($"OVERSOLD by {sold - k}");
            if (sold != k - final) bad.Add($"sold {sold} ≠ K − final {k - final}");
            if (sold != told) bad.Add($"sold {sold} ≠ {told} successful checkouts");
            problems.AddRange(bad.Select(b => $"{slug}: {b}"));
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| `{slug}` | {k} | {sold} | {final} | {k - final} | {told} | {(bad.Count == 0 ? "ok" : string.Join("; ", bad))} |");
        }

        var orderCount = await ScalarAsync(c, "SELECT COUNT(*) FROM \"Orders\"");
        var lineCount = await ScalarAsync(c, "SELECT COUNT(*) FROM \"OrderLine\"");
        var unitCount = await ScalarAsync(c, "SELECT COALESCE(SUM(\"Quantity\"), 0) FROM \"OrderLine\"");
        var negative = await ScalarAsync(c, "SELECT COUNT(*) FROM \"Products\" WHERE \"Stock\" < 0");
        var dbCheckouts = new HashSet<Guid>();
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT \"CheckoutId\" FROM \"Orders\"";
            await using var r = await cmd.ExecuteReaderAsync();
            // TEXT in SQLite, uuid in PostgreSQL.
            while (await r.ReadAsync()) dbCheckouts.Add(r.GetValue(0) is Guid g ? g : Guid.Parse(r.GetString(0)));
        }
        var otherUnits = 0L;
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT p.\"Slug\", SUM(l.\"Quantity\") FROM \"OrderLine\" l JOIN \"Products\" p ON p.\"Id\" = l.\"ProductId\" GROUP BY p.\"Slug\"";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                if (!slugs.Contains(r.GetString(0)))
                {
                    otherUnits += Int(r, 1);
                    problems.Add($"{r.GetString(0)}: {Int(r, 1)} units sold of a product nobody bought");
                }
        }

        var clientIds = placed.Select(p => p.CheckoutId).ToHashSet();
        if (clientIds.Count != placed.Count) problems.Add("the buyers were given the same checkout id twice");
        if (orderCount != placed.Count) problems.Add($"{orderCount} orders in the database ≠ {placed.Count} successful checkouts");
        if (lineCount != orderCount || unitCount != orderCount) problems.Add($"{orderCount} orders have {lineCount} lines and {unitCount} units (expected one line of one unit each)");
        var missing = clientIds.Except(dbCheckouts).Count();
        var unknown = dbCheckouts.Except(clientIds).Count();
        if (missing > 0) problems.Add($"{missing} checkouts the buyers were told succeeded have no order");
        if (unknown > 0) problems.Add($"{unknown} orders in the database no buyer was told about");
        if (negative > 0) problems.Add($"{negative} products have negative stock");

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Orders in the database: {orderCount} ({lineCount} lines, {unitCount} units); successful checkouts seen by the buyers: {placed.Count} " +
            $"({placed.Count(p => p.Phase == "warmup")} of them warm-up); checkout ids matched: {clientIds.Intersect(dbCheckouts).Count()}, " +
            $"missing {missing}, unknown {unknown}; products with negative stock: {negative}; units of other products: {otherUnits}.");
        report.AppendLine();
        report.AppendLine(problems.Count == 0
            ? "**No product was oversold:** for every product units sold = K − final stock ≤ K, no stock went below 0, and every order is a checkout a buyer was told succeeded (and vice versa)."
            : "**CHECK FAILED:**\n" + string.Join("\n", problems.Select(p => "- " + p)));

        Console.Write(report.ToString());
        if (outFile is not null) await File.WriteAllTextAsync(outFile, report.ToString());
        if (problems.Count > 0) throw new BenchFailure($"oversell check failed ({problems.Count} problem(s)): {string.Join("; ", problems)}");
        return 0;
    }
}
