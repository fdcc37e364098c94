using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OcopMarket.Core.Common;
using OcopMarket.Core.Persistence;
using OcopMarket.Core.Traceability.Domain;

namespace OcopMarket.Core.Traceability;

/// <summary>
/// A lot's story as GS1 EPCIS 2.0 events. Each lot starts with one event of its own (the lot is made: action ADD,
/// with its lot number and best-before as instance/lot master data), then one per timeline entry. The business steps
/// are CBV 2.0 values: harvest is <c>commissioning</c> (CBV has no harvesting step; harvesting commissions the
/// goods), processing <c>creating_class_instance</c> (it makes the lot the labels name), inspection <c>inspecting</c>,
/// packaging <c>packing</c>, shipping <c>shipping</c>. The objects are the lot itself, as a class-level identifier
/// (its label's address: a GS1 Digital Link URI where the product has a GTIN) with the lot's quantity.
/// </summary>
public static partial class EpcisVocabulary
{
    public const string LotCreated = "creating_class_instance";

    public static string BizStep(TraceEventKind kind) => kind switch
    {
        TraceEventKind.Harvest => "commissioning",
        TraceEventKind.Processing => "creating_class_instance",
        TraceEventKind.Inspection => "inspecting",
        TraceEventKind.Packaging => "packing",
        TraceEventKind.Shipping => "shipping",
        _ => "other",
    };

    public static readonly IReadOnlyList<string> BizSteps = ["commissioning", "creating_class_instance", "inspecting", "packing", "shipping"];

    /// <summary>
    /// A business step as a query names it: the bare CBV name, its URN (<c>urn:epcglobal:cbv:bizstep:packing</c>) or its
    /// web URI (<c>https://ref.gs1.org/cbv/BizStep-packing</c>). Null when it is none of ours.
    /// </summary>
    public static string? ParseBizStep(string value)
    {
        var v = value.Trim();
        foreach (var prefix in (string[])["urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-"])
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) v = v[prefix.Length..];
        return BizSteps.FirstOrDefault(s => s.Equals(v, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The event ids of this system: <c>{site}/epcis/v2/events/lot-12</c> for a lot's own, <c>…/event-34</c> for a timeline entry.</summary>
    public static string EventPath(EpcisEventKey key) => $"/epcis/v2/events/{EventKeyText(key)}";

    /// <summary>An event's key as its id ends and as <see cref="ParseEventKey"/> reads it: <c>lot-12</c>, <c>event-34</c>.</summary>
    public static string EventKeyText(EpcisEventKey key) => $"{(key.IsLot ? "lot" : "event")}-{key.Id}";

    public static EpcisEventKey? ParseEventKey(string value)
    {
        var m = EventKeyPattern().Match(value);
        if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1) return null;
        return new EpcisEventKey(m.Groups[1].Value == "lot", id);
    }

    [GeneratedRegex(@"^(lot|event)-([0-9]{1,9})$")]
    private static partial Regex EventKeyPattern();

    [GeneratedRegex(@"^/01/(?<gtin>[0-9]{14})/10/(?<lot>[A-Za-z0-9\-]{1,20})(/21/(?<serial>[A-Za-z0-9]{1,40}))?$|^/t/(?<code>[A-Za-z0-9]{4,16})(/(?<serial>[A-Za-z0-9]{1,40}))?$")]
    private static partial Regex LabelPathPattern();

    /// <summary>Reads a label address (lot or unit, with or without a GTIN) back into what it names.</summary>
    public static TraceAddress? ParseLabel(string uri, string publicOrigin)
    {
        var path = uri.Trim();
        if (path.StartsWith(publicOrigin, StringComparison.OrdinalIgnoreCase)) path = path[publicOrigin.Length..];
        else if (path.StartsWith("https://id.gs1.org", StringComparison.OrdinalIgnoreCase)) path = path["https://id.gs1.org".Length..];
        var m = LabelPathPattern().Match(path);
        if (!m.Success) return null;
        var serial = m.Groups["serial"].Success ? m.Groups["serial"].Value : null;
        return m.Groups["gtin"].Success
            ? TraceAddress.Gs1(m.Groups["gtin"].Value, m.Groups["lot"].Value, serial)
            : TraceAddress.Short(m.Groups["code"].Value, serial);
    }
}

public readonly record struct EpcisEventKey(bool IsLot, int Id);

/// <summary>One event, in the terms EPCIS needs; the web layer writes it as JSON-LD.</summary>
public sealed record EpcisEvent(EpcisEventKey Key, DateTime EventTimeUtc, DateTime RecordTimeUtc, string Action, string BizStep,
    string? Disposition, string LotPath, int Quantity, string Unit, string LotCode, DateOnly? BestBefore, string? Place, string? Description,
    string? InspectionResult, string ProductName);

/// <summary>An EPCIS query: the standard parameters this service answers.</summary>
public sealed record EpcisQuery(string? BizStep = null, DateTime? FromUtc = null, DateTime? BeforeUtc = null,
    IReadOnlyList<TraceAddress>? Objects = null, int PerPage = 100, EpcisEventKey? After = null, DateTime? AfterTimeUtc = null);

public sealed class EpcisEventService(IDbContextFactory<OcopDbContext> dbFactory, SerialKeyStore serialKeys)
{
    public const int MaxPerPage = 500;

    /// <summary>The events that match, in time order, at most <see cref="EpcisQuery.PerPage"/>, and whether more follow.</summary>
    public Task<(IReadOnlyList<EpcisEvent> Events, bool More)> QueryAsync(EpcisQuery query, CancellationToken ct = default) =>
        QueryAsync(query, null, ct);

    private async Task<(IReadOnlyList<EpcisEvent> Events, bool More)> QueryAsync(EpcisQuery query, int? onlyLot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lots = from l in db.Lots.AsNoTracking()
                   join p in db.Products on l.ProductId equals p.Id
                   where p.IsPublished
                   select new { Lot = l, p.Gtin, p.Name, p.Unit };
        if (onlyLot is { } single) lots = lots.Where(x => x.Lot.Id == single);
        if (query.Objects is { } objects)
        {
            var ids = await LotIdsAsync(db, objects, ct);
            lots = lots.Where(x => ids.Contains(x.Lot.Id));
        }
        var matched = await lots.Select(x => new
        {
            x.Lot.Id, x.Lot.Code, x.Lot.PublicCode, x.Lot.Quantity, x.Lot.BestBefore, x.Lot.ProductionDate, x.Lot.CreatedAt, x.Gtin, x.Name, x.Unit,
        }).ToListAsync(ct);
        var byId = matched.ToDictionary(l => l.Id);

        var events = new List<EpcisEvent>();
        if (query.BizStep is null or EpcisVocabulary.LotCreated)
        {
            // The lot is made on its production date (midnight in Vietnam); it was recorded when the producer entered it.
            foreach (var l in matched.Select(l => (Lot: l, At: l.ProductionDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamClock.Offset))
                         .Where(x => InWindow(x.At, query)).Select(x => (x.Lot, x.At)))
                events.Add(new EpcisEvent(new(true, l.Lot.Id), l.At, l.Lot.CreatedAt, "ADD", EpcisVocabulary.LotCreated, "active",
                    TraceLinks.LotPath(l.Lot.Gtin, l.Lot.Code, l.Lot.PublicCode), l.Lot.Quantity, l.Lot.Unit, l.Lot.Code, l.Lot.BestBefore, null, null, null, l.Lot.Name));
        }
        var kinds = Enum.GetValues<TraceEventKind>().Where(k => query.BizStep is null || EpcisVocabulary.BizStep(k) == query.BizStep).ToList();
        if (kinds.Count > 0 && byId.Count > 0)
        {
            var lotIds = byId.Keys.ToList();
            var steps = db.TraceEvents.AsNoTracking().Where(e => lotIds.Contains(e.LotId) && kinds.Contains(e.Kind));
            if (query.FromUtc is { } from) steps = steps.Where(e => e.OccurredAt >= from);
            if (query.BeforeUtc is { } before) steps = steps.Where(e => e.OccurredAt < before);
            foreach (var e in await steps.ToListAsync(ct))
            {
                var l = byId[e.LotId];
                events.Add(new EpcisEvent(new(false, e.Id), e.OccurredAt, e.OccurredAt, e.Kind == TraceEventKind.Harvest ? "ADD" : "OBSERVE",
                    EpcisVocabulary.BizStep(e.Kind), Disposition(e), TraceLinks.LotPath(l.Gtin, l.Code, l.PublicCode), l.Quantity, l.Unit, l.Code,
                    l.BestBefore, e.Place, e.Description, e.InspectionResult, l.Name));
            }
        }
        var ordered = events.OrderBy(e => e.EventTimeUtc).ThenBy(e => e.Key.IsLot ? 0 : 1).ThenBy(e => e.Key.Id)
            .SkipWhile(e => query.AfterTimeUtc is { } t && query.After is { } k && !IsAfter(e, t, k))
            .ToList();
        return ([.. ordered.Take(query.PerPage)], ordered.Count > query.PerPage);
    }

    private static bool IsAfter(EpcisEvent e, DateTime time, EpcisEventKey key)
    {
        var c = e.EventTimeUtc.CompareTo(time);
        if (c != 0) return c > 0;
        var rank = (e.Key.IsLot ? 0 : 1).CompareTo(key.IsLot ? 0 : 1);
        return rank != 0 ? rank > 0 : e.Key.Id > key.Id;
    }

    public async Task<EpcisEvent?> FindAsync(EpcisEventKey key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lotId = key.IsLot ? key.Id : await db.TraceEvents.Where(e => e.Id == key.Id).Select(e => (int?)e.LotId).FirstOrDefaultAsync(ct);
        if (lotId is null) return null;
        var (events, _) = await QueryAsync(new EpcisQuery(PerPage: Lot.MaxEvents + 1), lotId, ct);
        return events.FirstOrDefault(e => e.Key == key);
    }

    private static string? Disposition(TraceEvent e) => e.Kind switch
    {
        TraceEventKind.Shipping => "in_transit",
        TraceEventKind.Inspection => null,
        _ => "active",
    };

    private static bool InWindow(DateTime at, EpcisQuery q) => (q.FromUtc is not { } f || at >= f) && (q.BeforeUtc is not { } b || at < b);

    /// <summary>The lots the identifiers name: a lot's own address, or a unit's (whose serial must carry a valid signature).</summary>
    private async Task<List<int>> LotIdsAsync(OcopDbContext db, IReadOnlyList<TraceAddress> objects, CancellationToken ct)
    {
        var signer = await serialKeys.SignerAsync(ct);
        var ids = new List<int>();
        foreach (var a in objects)
        {
            var lot = a.Gtin is not null
                ? await db.Lots.AsNoTracking().Where(l => l.Code == a.LotCode && db.Products.Any(p => p.Id == l.ProductId && p.Gtin == a.Gtin))
                    .Select(l => new { l.Id, l.PublicCode }).FirstOrDefaultAsync(ct)
                : await db.Lots.AsNoTracking().Where(l => l.PublicCode == a.PublicCode).Select(l => new { l.Id, l.PublicCode }).FirstOrDefaultAsync(ct);
            if (lot is null) continue;
            if (a.Serial is not null)
            {
                if (!signer.TryVerify(lot.PublicCode, a.Serial, out var number)) continue;
                var issued = await db.Lots.Where(l => l.Id == lot.Id).Select(l => l.SerialsIssued).SingleAsync(ct);
                if (number > issued) continue;
            }
            ids.Add(lot.Id);
        }
        return ids;
    }
}
