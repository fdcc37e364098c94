using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Common;
using OcopMarket.Core.Orders;
using OcopMarket.Web.Components.Pages.Orders;
using OcopMarket.Web.Components.Pages.Traceability;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Startup;

/// <summary>The form posts a script would repeat: each has its own limits (see <see cref="RateLimitSettings"/>).</summary>
public enum LimitedAction { SignIn, Register, ForgotPassword, ResetPassword, CheckoutPlace, CartAdd, WishlistAdd, OrderCancel, CardPaymentStart, OpenData, ReviewSave, ReviewFeedback, ComplaintSave, LabelReport }

/// <summary>
/// Abuse limits on the built-in rate limiter. One global limiter, two fixed windows chained: per client IP and, where
/// the request names an account, per account (the email typed into sign-in or reset, or the signed-in user), so
/// neither one machine nor many machines can hammer one form or one account. Everything else passes unlimited.
/// </summary>
public static class AbuseLimits
{
    /// <summary>What a request is, for the limiter: set by the middleware that reads the form, read by the partitions.</summary>
    private sealed record LimitedRequest(LimitedAction Action, string Client, string? Account);

    public static IServiceCollection AddOcopAbuseLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitSettings>(RateLimitSettings.Section);
        services.AddSingleton<ScanCountLimit>();
        services.AddSingleton<SharedRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>, SharedRateLimits>((options, settings, shared) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Counted in the database instead (UseOcopAbuseLimits), the in-process limiter lets everything through.
            if (shared.Enabled) return;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits, perAccount: false)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits, perAccount: true)));
            options.OnRejected = (context, ct) =>
            {
                // A fixed window's refusal carries the window's length: the longest anyone waits.
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                return new ValueTask(RefuseAsync(context.HttpContext, wait, ct));
            };
        });
        return services;
    }

    /// <summary>
    /// Names the limited requests, then limits them. The name is found before the limiter runs because the limiter
    /// cannot wait: the sign-in email and the checkout's step are in the posted form, which is read here (and kept,
    /// so the page reads the same form later).
    /// </summary>
    public static IApplicationBuilder UseOcopAbuseLimits(this IApplicationBuilder app)
    {
        var shared = app.ApplicationServices.GetRequiredService<SharedRateLimits>();
        var settings = app.ApplicationServices.GetRequiredService<RateLimitSettings>();
        app.Use(async (http, next) =>
        {
            // Set afresh each time through: a status page re-executed for this request (404 → /not-found) runs the
            // pipeline again and must not be counted a second time.
            if (await IdentifyAsync(http) is { } limited)
            {
                http.Items[typeof(LimitedRequest)] = limited;
                if (shared.Enabled && await OverSharedLimitAsync(shared, settings, limited, http.RequestAborted) is { } wait)
                {
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await RefuseAsync(http, wait, http.RequestAborted);
                    return;
                }
            }
            else http.Items.Remove(typeof(LimitedRequest));
            await next(http);
        });
        return app.UseRateLimiter();
    }

    /// <summary>
    /// The client a limit counts: its IP address as the connection reports it (forwarded headers, when trusted, are
    /// applied before). An IPv6 address counts by its /64, the block one home or phone is given, or a script could
    /// take a fresh address for every request.
    /// </summary>
    public static string ClientKey(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async Task<LimitedRequest?> IdentifyAsync(HttpContext http)
    {
        // The open data API is read by programs: every request counts, per client.
        if (http.Request.Path.StartsWithSegments(OpenData.OpenDataEndpoints.Prefix) || http.Request.Path.StartsWithSegments("/openapi")
            || http.Request.Path.StartsWithSegments("/epcis") || http.Request.Path.StartsWithSegments(ProducerApi.ProducerApiEndpoints.Prefix))
            return new LimitedRequest(LimitedAction.OpenData, ClientKey(http), null);
        if (!HttpMethods.IsPost(http.Request.Method)) return null;
        var path = (http.Request.Path.Value ?? "").TrimEnd('/').ToLowerInvariant();
        LimitedAction? action = path switch
        {
            "/account/login" => LimitedAction.SignIn,
            "/account/register" => LimitedAction.Register,
            "/account/forgotpassword" => LimitedAction.ForgotPassword,
            "/account/resetpassword" => LimitedAction.ResetPassword,
            Routes.Checkout => LimitedAction.CheckoutPlace,
            Routes.Cart + "/them" => LimitedAction.CartAdd,
            Components.Pages.Bookings.BookingEndpoints.Path => LimitedAction.CartAdd, // a booking into the cart: the same budget
            Components.Pages.Wishlists.WishlistEndpoints.Add => LimitedAction.WishlistAdd,
            OrderPaths.BuyerCancel => LimitedAction.OrderCancel,
            CardPaymentEndpoints.Path => LimitedAction.CardPaymentStart,
            Core.Reviews.ReviewPaths.Save => LimitedAction.ReviewSave,
            Core.Reviews.ReviewPaths.Vote or Core.Reviews.ReviewPaths.Report => LimitedAction.ReviewFeedback,
            Core.Complaints.ComplaintPaths.Open or Core.Complaints.ComplaintPaths.Accept or Core.Complaints.ComplaintPaths.Escalate => LimitedAction.ComplaintSave,
            Core.Complaints.ComplaintPaths.ReportLabel => LimitedAction.LabelReport,
            _ => null,
        };
        if (action is not { } a) return null;

        string? account;
        switch (a)
        {
            case LimitedAction.SignIn or LimitedAction.ResetPassword:
                // The account is the one the form names, signed in or not: guessing is spread over many addresses.
                account = await FormFieldAsync(http, "Input.Email") is { Length: > 0 } email
                    ? "email:" + email.Trim().ToUpperInvariant() : null;
                break;
            case LimitedAction.CheckoutPlace:
                // Filling in and reviewing the checkout post the same form; only placing the orders is limited.
                if (await FormFieldAsync(http, "Input.Step") != "place") return null;
                account = SignedInUser(http);
                break;
            case LimitedAction.Register or LimitedAction.ForgotPassword:
                // No account yet, or one the answer must not reveal: the reset emails have their own cap per account.
                account = null;
                break;
            default:
                account = SignedInUser(http);
                break;
        }
        return new LimitedRequest(a, ClientKey(http), account);
    }

    private static string? SignedInUser(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : null;

    private static async Task<string?> FormFieldAsync(HttpContext http, string name)
    {
        if (!http.Request.HasFormContentType) return null;
        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return form[name].FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null; // a malformed or oversized form: the page's own form reading refuses it as before
        }
    }

    /// <summary>
    /// The same two limits as the in-process limiter, counted in the database: the client's first, and the account's
    /// only when the client's let the request through (as the chained limiter does).
    /// </summary>
    private static async Task<TimeSpan?> OverSharedLimitAsync(SharedRateLimits shared, RateLimitSettings limits, LimitedRequest r, CancellationToken ct)
    {
        if (await shared.OverAsync($"{r.Action}|{r.Client}", ClientLimit(limits, r.Action), ct) is { } wait) return wait;
        if (r.Account is not null && AccountLimit(limits, r.Action) is { } accountLimit)
            return await shared.OverAsync($"{r.Action}|{r.Account}", accountLimit, ct);
        return null;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings limits, bool perAccount)
    {
        if (!http.Items.TryGetValue(typeof(LimitedRequest), out var item) || item is not LimitedRequest r)
            return RateLimitPartition.GetNoLimiter("");
        var (key, limit) = perAccount
            ? (r.Account, AccountLimit(limits, r.Action))
            : (r.Client, ClientLimit(limits, r.Action));
        if (key is null || limit is null) return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetFixedWindowLimiter($"{r.Action}|{key}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = 0, // refuse at once: a person waiting on a queued form post would think the shop hangs
            AutoReplenishment = true,
        });
    }

    private static RateLimit ClientLimit(RateLimitSettings s, LimitedAction action) => action switch
    {
        LimitedAction.SignIn => s.SignInPerIp,
        LimitedAction.Register => s.RegisterPerIp,
        LimitedAction.ForgotPassword => s.ForgotPasswordPerIp,
        LimitedAction.ResetPassword => s.ResetPasswordPerIp,
        LimitedAction.CheckoutPlace => s.CheckoutPlacePerIp,
        LimitedAction.CartAdd => s.CartAddPerIp,
        LimitedAction.WishlistAdd => s.WishlistAddPerIp,
        LimitedAction.OrderCancel => s.OrderCancelPerIp,
        LimitedAction.CardPaymentStart => s.CardPaymentStartPerIp,
        LimitedAction.OpenData => s.OpenDataPerIp,
        LimitedAction.ReviewSave => s.ReviewSavePerIp,
        LimitedAction.ReviewFeedback => s.ReviewFeedbackPerIp,
        LimitedAction.ComplaintSave => s.ComplaintSavePerIp,
        LimitedAction.LabelReport => s.LabelReportPerIp,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static RateLimit? AccountLimit(RateLimitSettings s, LimitedAction action) => action switch
    {
        LimitedAction.SignIn => s.SignInPerAccount,
        LimitedAction.ResetPassword => s.ResetPasswordPerAccount,
        LimitedAction.CheckoutPlace => s.CheckoutPlacePerAccount,
        LimitedAction.CartAdd => s.CartAddPerAccount,
        LimitedAction.WishlistAdd => s.WishlistAddPerAccount,
        LimitedAction.OrderCancel => s.OrderCancelPerAccount,
        LimitedAction.CardPaymentStart => s.CardPaymentStartPerAccount,
        LimitedAction.ReviewSave => s.ReviewSavePerAccount,
        LimitedAction.ReviewFeedback => s.ReviewFeedbackPerAccount,
        LimitedAction.ComplaintSave => s.ComplaintSavePerAccount,
        _ => null,
    };

    /// <summary>429 with Retry-After and a short page in the visitor's language (every limited request is a browser form post).</summary>
    private static async Task RefuseAsync(HttpContext http, TimeSpan wait, CancellationToken ct)
    {
        var action = http.Items.TryGetValue(typeof(LimitedRequest), out var item) && item is LimitedRequest r ? r.Action.ToString() : "unknown";
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AbuseLimits))
            .LogWarning("Too many {Action} requests: refused for {Seconds} s", action, seconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (action == nameof(LimitedAction.OpenData))
        {
            // A program reads the API: it gets JSON, in both languages like every refusal of the API.
            await http.Response.WriteAsJsonAsync(new OpenData.ApiError("too_many_requests",
                $"Quá nhiều yêu cầu; hãy thử lại sau {seconds} giây.", $"Too many requests; try again in {seconds} seconds."), ct);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(RefusalPage(seconds), ct);
    }

    private static string RefusalPage(int seconds)
    {
        var minutes = (seconds + 59) / 60;
        var after = seconds < 60
            ? Lang.T($"{seconds} giây", seconds == 1 ? "1 second" : $"{seconds} seconds")
            : Lang.T($"{minutes} phút", minutes == 1 ? "1 minute" : $"{minutes} minutes");
        var title = Lang.T("Quá nhiều yêu cầu", "Too many requests");
        var text = Lang.T($"Bạn đã gửi biểu mẫu này quá nhiều lần. Hãy thử lại sau {after}.",
            $"You have sent this form too many times. Please try again in {after}.");
        var home = Lang.T("Về trang chủ", "Back to the home page");
        return $"""
            <!DOCTYPE html>
            <html lang="{Lang.Code}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{title} · OcopMarket</title></head>
            <body><main><h1>{title}</h1><p data-testid="too-many-requests">{text}</p><p><a href="/">{home}</a></p></main></body>
            </html>
            """;
    }
}
