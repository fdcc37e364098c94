using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Core.Orders.Domain;
using OcopMarket.Core.Portal;
using OcopMarket.Core.ProducerApi;
using OcopMarket.Core.ProducerApi.Domain;
using OcopMarket.Core.Traceability;
using OcopMarket.Core.Traceability.Domain;
using OcopMarket.Web.OpenData;

namespace OcopMarket.Web.ProducerApi;

public sealed record StockAndPricePatch(int? Stock, long? PriceVnd);

public sealed record ApiProductState(int Id, string Slug, int Stock, long PriceVnd);

public sealed record TraceEventPost(string Kind, DateTime OccurredAt, string Place, string Description, string? InspectionResult, string? Inspector);

/// <summary>
/// <c>/api/producer/v1</c>: a producer's own tools, with a bearer token made in the portal (<c>/portal/api</c>).
/// Every call goes through the portal's own services with the token's producer as the actor, so another producer's
/// ids answer 404 exactly as in the portal; a scope the token lacks answers 403; a missing, unknown or revoked token
/// 401. No cookie is read, so no cross-site request can use a signed-in browser's session here.
/// </summary>
public static class ProducerApiEndpoints
{
    public const string Prefix = "/api/producer/v1";

    public static void MapProducerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Producer API").DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            var caller = await http.RequestServices.GetRequiredService<ApiTokenService>().AuthenticateAsync(secret, http.RequestAborted);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Json(new ApiError("unauthorized", "Thiếu khoá truy cập, khoá sai hoặc đã bị thu hồi.",
                    "The access token is missing, wrong or revoked."), statusCode: StatusCodes.Status401Unauthorized);
            }
            http.Items[typeof(ApiCaller)] = caller;
            try
            {
                return await next(context);
            }
            catch (UserFacingException e)
            {
                var status = e switch { NotFoundException => 404, ForbiddenException => 403, _ => 400 };
                return Results.Json(new ApiError(status switch { 404 => "not_found", 403 => "forbidden", _ => "bad_request" }, e.Text.Vi, e.Text.En), statusCode: status);
            }
        });

        api.MapPatch("/products/{id:int}", PatchProduct).WithName("PatchProduct")
            .WithSummary("Set a product's stock and/or price (scope write:stock-price) / Đặt tồn kho, giá");
        api.MapGet("/orders", Orders).WithName("ListOrders").WithSummary("The producer's orders, by status (scope read:orders) / Đơn hàng");
        api.MapGet("/lots/{id:int}", Lot).WithName("GetLot").WithSummary("One of the producer's lots (scope read:lots) / Một lô");
        api.MapPost("/lots/{id:int}/events", AddEvent).WithName("AddLotEvent")
            .WithSummary("Add a step to a lot's timeline (scope write:lots) / Thêm sự kiện truy xuất");
    }

    private static ApiCaller Caller(HttpContext http) => (ApiCaller)http.Items[typeof(ApiCaller)]!;

    private static IResult? Lacks(HttpContext http, ApiScopes scope) => Caller(http).May(scope) ? null
        : Results.Json(new ApiError("insufficient_scope", "Khoá này không có quyền này.", $"This token lacks the {scope} permission."),
            statusCode: StatusCodes.Status403Forbidden);

    private static async Task<IResult> PatchProduct(int id, StockAndPricePatch patch, HttpContext http, ProducerPortalService portal, CancellationToken ct)
    {
        if (Lacks(http, ApiScopes.WriteStockAndPrice) is { } refused) return refused;
        if (patch.Stock is null && patch.PriceVnd is null) throw new DomainException(new("Hãy gửi stock hoặc priceVnd.", "Send stock or priceVnd."));
        if (patch.Stock is < 0) throw new DomainException(new("Tồn kho không được âm.", "Stock cannot be negative."));
        var actor = Caller(http).Actor;
        var product = await portal.GetAsync(actor, id, ct); // another producer's id: NotFoundException, as in the portal
        if (patch.PriceVnd is { } price) await portal.UpdateAsync(actor, id, product.Form with { PriceVnd = price }, ct);
        if (patch.Stock is { } stock && stock != product.Form.Stock) await portal.AdjustStockAsync(actor, id, stock - product.Form.Stock, ct);
        var now = await portal.GetAsync(actor, id, ct);
        return Results.Ok(new ApiProductState(id, now.Slug, now.Form.Stock, now.Form.PriceVnd));
    }

    private static async Task<IResult> Orders(string? status, HttpContext http, ProducerOrderService orders, CancellationToken ct)
    {
        if (Lacks(http, ApiScopes.ReadOrders) is { } refused) return refused;
        OrderStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
                throw new DomainException(new("Trạng thái không có.", $"Unknown status; use one of {string.Join(", ", Enum.GetNames<OrderStatus>())}."));
            filter = parsed;
        }
        return Results.Ok(await orders.ListAsync(Caller(http).Actor, filter, ct));
    }

    private static async Task<IResult> Lot(int id, HttpContext http, LotService lots, CancellationToken ct)
    {
        if (Lacks(http, ApiScopes.ReadLots) is { } refused) return refused;
        var lot = await lots.GetAsync(Caller(http).Actor, id, ct);
        return Results.Ok(new { lot.Id, lot.Code, lot.PublicCode, lot.ProductName, lot.Gtin, lot.ProductionDate, lot.BestBefore, lot.Quantity,
            Events = lot.Events.Select(e => new { e.Id, Kind = e.Kind.ToString().ToLowerInvariant(), e.OccurredAt, e.Place, e.Description }) });
    }

    private static async Task<IResult> AddEvent(int id, TraceEventPost body, HttpContext http, LotService lots, CancellationToken ct)
    {
        if (Lacks(http, ApiScopes.WriteLots) is { } refused) return refused;
        if (!Enum.TryParse<TraceEventKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
            throw new DomainException(new("Loại sự kiện không có.", $"Unknown kind; use one of {string.Join(", ", Enum.GetNames<TraceEventKind>())}."));
        // The portal takes the time as a Vietnamese wall-clock time.
        var local = body.OccurredAt.Kind == DateTimeKind.Utc ? body.OccurredAt + VietnamClock.Offset : body.OccurredAt;
        await lots.AddEventAsync(Caller(http).Actor, id, new TraceEventInput(kind, DateTime.SpecifyKind(local, DateTimeKind.Unspecified),
            body.Place ?? "", body.Description ?? "", body.InspectionResult, body.Inspector), null, ct);
        return Results.Created($"{Prefix}/lots/{id}", null);
    }
}
