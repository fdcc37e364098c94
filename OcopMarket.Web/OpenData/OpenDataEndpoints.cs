using Microsoft.AspNetCore.Http.HttpResults;
using OcopMarket.Core.Common;
using OcopMarket.Core.OpenData;
using OcopMarket.Core.Programme;
using OcopMarket.Core.Programme.Domain;
using OcopMarket.Core.Reference;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Web.PublicPages;
using OcopMarket.Web.Startup;
using Scalar.AspNetCore;

namespace OcopMarket.Web.OpenData;

/// <summary>A refusal of the open data API, in both languages, with a stable code for programs.</summary>
public sealed record ApiError(string Code, string Vi, string En);

public sealed record ApiProvince(string Code, string Name, string Slug, string Type, int CommuneCount);

public sealed record ApiCommune(string Code, string Name, string ProvinceCode);

public sealed record ApiProgrammeCard(string Metric, decimal? TargetMin, decimal? TargetMax, decimal? Platform, decimal? National,
    DateOnly? NationalAsOf, string? NationalSource);

public sealed record ApiProgrammeProvince(string Code, string Name, int CertifiedProducts, int FiveStarProducts, int Subjects,
    int SellingSubjects, decimal? CooperativeSharePercent, decimal? SmeSharePercent, int CraftVillagesListed, decimal? RenewedSharePercent);

public sealed record ApiProgramme(DateTime ComputedAt, IReadOnlyList<ApiProgrammeCard> Cards, IReadOnlyList<ApiProgrammeProvince> Provinces);

/// <summary>
/// <c>/api/v1</c>: the open data, read-only and anonymous. Every answer is a public page to the cache layer (same bytes
/// for everyone, ETag and 304, <c>Cache-Control: public</c>), CORS allows GET from any site, and one client is limited
/// to <c>RateLimits:OpenDataPerIp</c> requests (429 with Retry-After past it). Field names are camelCase and stable;
/// the OpenAPI document at <c>/openapi/v1.json</c> describes them, and <c>/api/docs</c> renders it (Scalar).
/// </summary>
public static class OpenDataEndpoints
{
    public const string Prefix = "/api/v1";
    public const string CorsPolicy = "open-data";
    public const string DocsPath = "/api/docs";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddOcopOpenData(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            // The document describes the open data only, not the shop's own forms and pages.
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..], StringComparison.Ordinal) == true
                || d.RelativePath?.StartsWith("epcis/v2/", StringComparison.Ordinal) == true
                || d.RelativePath?.StartsWith("api/producer/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((doc, context, _) =>
        {
            // Absolute URLs come from Site:PublicUrl, never from the request.
            doc.Servers = [new() { Url = context.ApplicationServices.GetRequiredService<PublicAddress>().Origin }];
            doc.Info = new()
            {
                Title = "OcopMarket open data",
                Version = "v1",
                Description = "Sản phẩm OCOP, nhà sản xuất, chứng nhận, đơn vị hành chính 2025 và số liệu chương trình — chỉ đọc, không cần đăng nhập. " +
                              "OCOP products, producers, certificates, the 2025 administrative units and the programme's figures — read-only, anonymous. " +
                              "Lists page with `cursor` (the previous page's `nextCursor`) and `limit` (1–100).",
            };
            // The producer API's calls take a producer's bearer token (made at /portal/api): say so, so the reference
            // offers a field for it and generated clients send it.
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[ProducerTokenScheme] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Khoá truy cập của nhà sản xuất, tạo ở /portal/api. / A producer's access token, made at /portal/api.",
            };
            foreach (var (path, item) in doc.Paths)
            {
                if (!path.StartsWith("/api/producer/v1/", StringComparison.Ordinal) || item.Operations is null) continue;
                foreach (var operation in item.Operations.Values)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
                    {
                        [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(ProducerTokenScheme, doc)] = [],
                    });
                }
            }
            return Task.CompletedTask;
        });
        });
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET").WithHeaders("Accept", "If-None-Match").WithExposedHeaders("ETag")));
        return services;
    }

    /// <summary>The OpenAPI name of the producer API's bearer token.</summary>
    public const string ProducerTokenScheme = "producerToken";

    /// <summary>The reference's assets are relative to its folder, so it lives at /api/docs/ and /api/docs leads there.</summary>
    public static IApplicationBuilder UseApiDocsRedirect(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.Value == DocsPath && HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.Redirect(DocsPath + "/");
            return Task.CompletedTask;
        }
        return next(http);
    });

    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireCors(CorsPolicy).WithTags("Open data");
        var page = new PublicPageAttribute();

        api.MapGet("/products", Products).WithName("ListProducts").WithMetadata(page)
            .WithSummary("Published products, filtered as in the catalog / Sản phẩm đang bán, lọc như trong danh mục");
        api.MapGet("/products/{slug}", Product).WithName("GetProduct").WithMetadata(new PublicPageAttribute { VariesByAccept = true })
            .Produces<ApiProduct>(StatusCodes.Status200OK, "application/json", "application/ld+json")
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("One product; Accept: application/ld+json gives schema.org Product / Một sản phẩm");
        api.MapGet("/producers", Producers).WithName("ListProducers").WithMetadata(page).WithSummary("Verified producers / Nhà sản xuất đã xác minh");
        api.MapGet("/certificates", Certificates).WithName("ListCertificates").WithMetadata(page)
            .WithSummary("OCOP certificates of published products / Chứng nhận OCOP của sản phẩm đang bán");
        api.MapGet("/provinces", Provinces).WithName("ListProvinces").WithMetadata(page).WithSummary("The 34 provinces since 1 July 2025 / 34 tỉnh, thành");
        api.MapGet("/provinces/{code}/communes", Communes).WithName("ListCommunes").WithMetadata(page)
            .WithSummary("Communes and wards of a province / Xã, phường của một tỉnh");
        api.MapGet("/programme", Programme).WithName("GetProgramme").WithMetadata(page)
            .WithSummary("Decision 919 targets, platform and national figures / Chỉ tiêu và số liệu chương trình OCOP");

        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}")).RequireCors(CorsPolicy);
        // The reference page carries this request's CSP nonce on its scripts (the site's policy for it, ForApiReference);
        // no fonts from a CDN, no AI chat, no telemetry: it talks to this site only.
        app.MapScalarApiReference(DocsPath, (o, http) => o
            .WithTitle("OcopMarket open data API")
            .WithOpenApiRoutePattern(DocumentPath.Replace("v1", "{documentName}"))
            .WithNonce(Security.ContentSecurityPolicy.NonceOf(http))
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools());
    }

    private static readonly UserText UnknownProvince = new("Không có tỉnh này (dùng tên không dấu, ví dụ thai-nguyen).",
        "Unknown province: use its slug, e.g. thai-nguyen.");

    /// <summary>A province named by its slug, as in the catalog's query string; no province given is fine (null).</summary>
    private static bool TryProvince(string? slug, out string? code)
    {
        code = slug is not null && ReferenceData.ProvinceBySlug.TryGetValue(slug, out var p) ? p.Code : null;
        return slug is null || code is not null;
    }

    private static BadRequest<ApiError> Refused(UserText text) => TypedResults.BadRequest(new ApiError("bad_request", text.Vi, text.En));

    /// <summary>Image addresses absolute, from Site:PublicUrl, so another system can show them.</summary>
    private static ApiProduct Absolute(ApiProduct p, PublicAddress site) => p with { ImageUrl = p.ImageUrl is { } image ? site.Absolute(image) : null };

    private static async Task<Results<Ok<ApiPage<ApiProduct>>, BadRequest<ApiError>>> Products(OpenDataService data, PublicAddress site,
        string? group, string? set, string? province, int? stars, bool? inStock, long? minPrice, long? maxPrice, DateTimeOffset? updatedSince,
        string? cursor, int? limit, CancellationToken ct)
    {
        OcopGroup? g = null;
        if (group is not null)
        {
            if (!OcopGroups.TryParseKey(group, out var parsed)) return Refused(new("Nhóm sản phẩm không có.", "Unknown group: use food, drinks, herbal, handicraft, ornamental or tourism."));
            g = parsed;
        }
        if (!TryProvince(province, out var provinceCode)) return Refused(UnknownProvince);
        if (stars is < 3 or > 5) return Refused(new("Số sao từ 3 đến 5.", "stars is 3, 4 or 5."));
        try
        {
            var page = await data.ProductsAsync(new ApiProductFilter(g, set, provinceCode, stars, inStock == true, minPrice, maxPrice, updatedSince?.UtcDateTime), cursor, limit, ct);
            return TypedResults.Ok(page with { Items = [.. page.Items.Select(p => Absolute(p, site))] });
        }
        catch (DomainException e)
        {
            return Refused(e.Text);
        }
    }

    private static async Task<IResult> Product(string slug, OpenDataService data, PublicAddress site, HttpContext http, CancellationToken ct)
    {
        if (await data.ProductAsync(slug, ct) is not { } p)
            return TypedResults.NotFound(new ApiError("not_found", "Không tìm thấy sản phẩm.", "Product not found."));
        PublicPageTags.Add(http, Core.PublicPages.Domain.PageTags.Product(p.Id));
        // JSON or schema.org linked data by Accept: caches keep one copy of each.
        http.Response.Headers.Vary = Microsoft.Net.Http.Headers.HeaderNames.Accept;
        var wantsLinkedData = http.Request.Headers.Accept.Any(a => a?.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsLinkedData) return TypedResults.Ok(Absolute(p, site));
        var page = site.Absolute(Routes.Product(p.Slug));
        var linked = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["@id"] = page,
            ["name"] = p.Name,
            ["url"] = page,
            ["sku"] = p.Slug,
            ["gtin"] = p.Gtin,
            // The GS1 Digital Link URI of the trade item (the canonical resolver's form), only where a GTIN exists.
            ["hasGS1DigitalLink"] = p.Gtin is { } gtin ? $"https://id.gs1.org/01/{gtin}" : null,
            ["image"] = p.ImageUrl is { } image ? site.Absolute(image) : null,
            ["brand"] = new Dictionary<string, object?> { ["@type"] = "Brand", ["name"] = p.ProducerName },
            ["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["price"] = p.PriceVnd,
                ["priceCurrency"] = "VND",
                ["availability"] = p.Stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
                ["url"] = page,
            },
        };
        return Results.Json(linked.Where(kv => kv.Value is not null).ToDictionary(), contentType: "application/ld+json; charset=utf-8");
    }

    private static async Task<Results<Ok<ApiPage<ApiProducer>>, BadRequest<ApiError>>> Producers(OpenDataService data, string? province,
        string? cursor, int? limit, CancellationToken ct)
    {
        if (!TryProvince(province, out var provinceCode)) return Refused(UnknownProvince);
        try { return TypedResults.Ok(await data.ProducersAsync(provinceCode, cursor, limit, ct)); }
        catch (DomainException e) { return Refused(e.Text); }
    }

    private static async Task<Results<Ok<ApiPage<ApiCertificate>>, BadRequest<ApiError>>> Certificates(OpenDataService data, string? product,
        string? cursor, int? limit, CancellationToken ct)
    {
        try { return TypedResults.Ok(await data.CertificatesAsync(product, cursor, limit, ct)); }
        catch (DomainException e) { return Refused(e.Text); }
    }

    private static Ok<IReadOnlyList<ApiProvince>> Provinces() => TypedResults.Ok<IReadOnlyList<ApiProvince>>(
        [.. ReferenceData.Provinces.OrderBy(p => p.Code).Select(p => new ApiProvince(p.Code, p.Name, ReferenceData.ProvinceSlugByCode[p.Code], p.Type, p.CommuneCount))]);

    private static Results<Ok<IReadOnlyList<ApiCommune>>, NotFound<ApiError>> Communes(string code) =>
        ReferenceData.Provinces.Any(p => p.Code == code)
            ? TypedResults.Ok<IReadOnlyList<ApiCommune>>([.. ReferenceData.Communes.Where(c => c.ProvinceCode == code).OrderBy(c => c.Code)
                .Select(c => new ApiCommune(c.Code, c.Name, c.ProvinceCode))])
            : TypedResults.NotFound(new ApiError("not_found", "Không có tỉnh mã này.", "No province has this code."));

    private static async Task<Ok<ApiProgramme>> Programme(ProgrammeService programme, HttpContext http, CancellationToken ct)
    {
        var d = await programme.DashboardAsync(ct);
        PublicPageTags.Add(http, Core.PublicPages.Domain.PageTags.Programme);
        return TypedResults.Ok(new ApiProgramme(d.ComputedAt,
            [.. d.Cards.Select(c => new ApiProgrammeCard(c.Metric.Key(), c.Target?.Minimum, c.Target?.Maximum, c.PlatformValue, c.National?.Value,
                c.National?.AsOf, c.National?.SourceUrl))],
            [.. d.Provinces.Select(p => new ApiProgrammeProvince(p.Code, p.Name, p.Figures.CertifiedProducts, p.Figures.FiveStarProducts,
                p.Figures.Subjects, p.Figures.SellingSubjects, p.Figures.CooperativeSharePercent, p.Figures.SmeSharePercent,
                p.Figures.CraftVillagesListed, p.Figures.RenewedSharePercent))]));
    }
}
