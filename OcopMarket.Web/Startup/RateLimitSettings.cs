using OcopMarket.Core.Common;

namespace OcopMarket.Web.Startup;

/// <summary>So many requests in one window of time (a fixed window: the count starts again when it ends).</summary>
public sealed class RateLimit
{
    public RateLimit() { }

    public RateLimit(int permits, TimeSpan window)
    {
        Permits = permits;
        Window = window;
    }

    public int Permits { get; set; }
    public TimeSpan Window { get; set; }

    internal IEnumerable<string> Problems(string name)
    {
        if (Permits < 1) yield return $"RateLimits:{name}:Permits must be at least 1 (got {Permits}).";
        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromDays(1))
            yield return $"RateLimits:{name}:Window must be between 00:00:01 and 1.00:00:00 (got {Window}).";
    }

    public override string ToString() => $"{Permits} per {Window}";
}

/// <summary>Where the limits are counted.</summary>
public enum RateLimitStore
{
    /// <summary>In the database on PostgreSQL (the provider for several nodes), in memory on SQLite.</summary>
    Auto,
    /// <summary>In this process: the fastest, right for one node; behind several nodes each counts its own share.</summary>
    Memory,
    /// <summary>In the database (<c>RateWindows</c>): every node counts the same requests.</summary>
    Database,
}

/// <summary>
/// The "RateLimits" section: how often one client (its IP address) and one account may use the forms a script
/// would hammer. Each default is well above what a person does and well below what a script does in a minute;
/// a request over a limit is refused with 429 and a Retry-After header. See README, "Abuse limits".
/// </summary>
public sealed class RateLimitSettings : IValidatedSettings
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Where requests are counted. Several web nodes need <see cref="RateLimitStore.Database"/> (the default on
    /// PostgreSQL), or a client spread over N nodes gets N times every allowance.
    /// </summary>
    public RateLimitStore Store { get; set; } = RateLimitStore.Auto;

    /// <summary>Sign-in posts from one IP. Lockout (5 wrong passwords) guards one account; this guards many.</summary>
    public RateLimit SignInPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Sign-in posts naming one email, from any IP: guessing spread over many addresses.</summary>
    public RateLimit SignInPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public RateLimit RegisterPerIp { get; set; } = new(5, TimeSpan.FromHours(1));

    public RateLimit ForgotPasswordPerIp { get; set; } = new(5, TimeSpan.FromMinutes(15));

    /// <summary>
    /// Reset emails queued for one account in any hour. Beyond it the form answers as always but queues nothing,
    /// so nobody can flood an inbox, and the answer says nothing about whether the account exists.
    /// </summary>
    public int ResetEmailsPerAccountPerHour { get; set; } = 3;

    public RateLimit ResetPasswordPerIp { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Reset posts naming one email: guessing a reset code for one account.</summary>
    public RateLimit ResetPasswordPerAccount { get; set; } = new(5, TimeSpan.FromMinutes(15));

    /// <summary>Placing orders (the checkout's "place" step; filling and reviewing are not counted).</summary>
    public RateLimit CheckoutPlacePerIp { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit CheckoutPlacePerAccount { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit CartAddPerIp { get; set; } = new(60, TimeSpan.FromMinutes(1));

    public RateLimit CartAddPerAccount { get; set; } = new(60, TimeSpan.FromMinutes(1));

    /// <summary>Saving products for later (the hearts).</summary>
    public RateLimit WishlistAddPerIp { get; set; } = new(60, TimeSpan.FromMinutes(1));

    public RateLimit WishlistAddPerAccount { get; set; } = new(60, TimeSpan.FromMinutes(1));

    public RateLimit OrderCancelPerIp { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit OrderCancelPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit CardPaymentStartPerIp { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit CardPaymentStartPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(10));

    /// <summary>Writing or changing reviews (each post may carry three 5 MB photos, so kept low).</summary>
    public RateLimit ReviewSavePerIp { get; set; } = new(20, TimeSpan.FromMinutes(10));

    public RateLimit ReviewSavePerAccount { get; set; } = new(10, TimeSpan.FromMinutes(10));

    /// <summary>"Helpful" votes and reports on reviews: each vote evicts the product page from the cache.</summary>
    public RateLimit ReviewFeedbackPerIp { get; set; } = new(30, TimeSpan.FromMinutes(10));

    public RateLimit ReviewFeedbackPerAccount { get; set; } = new(30, TimeSpan.FromMinutes(10));

    /// <summary>Opening, accepting and escalating complaints (an opening may carry three 5 MB photos).</summary>
    public RateLimit ComplaintSavePerIp { get; set; } = new(10, TimeSpan.FromMinutes(10));

    public RateLimit ComplaintSavePerAccount { get; set; } = new(10, TimeSpan.FromMinutes(10));

    /// <summary>"Report this label" from the trace page: anonymous, so per client only.</summary>
    public RateLimit LabelReportPerIp { get; set; } = new(5, TimeSpan.FromMinutes(10));

    /// <summary>
    /// Label scans one IP adds to the scan counts. Past it the trace page still opens but the scan is not counted,
    /// so one script cannot make a label look copied (or popular).
    /// </summary>
    public RateLimit CountedScansPerIp { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Requests to the open data API (<c>/api/v1</c>, the OpenAPI document) from one client.</summary>
    public RateLimit OpenDataPerIp { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Every limit with its setting name, so validation names the one that is wrong.</summary>
    public IEnumerable<(string Name, RateLimit Limit)> All() =>
    [
        (nameof(SignInPerIp), SignInPerIp), (nameof(SignInPerAccount), SignInPerAccount),
        (nameof(RegisterPerIp), RegisterPerIp), (nameof(ForgotPasswordPerIp), ForgotPasswordPerIp),
        (nameof(ResetPasswordPerIp), ResetPasswordPerIp), (nameof(ResetPasswordPerAccount), ResetPasswordPerAccount),
        (nameof(CheckoutPlacePerIp), CheckoutPlacePerIp), (nameof(CheckoutPlacePerAccount), CheckoutPlacePerAccount),
        (nameof(CartAddPerIp), CartAddPerIp), (nameof(CartAddPerAccount), CartAddPerAccount),
        (nameof(WishlistAddPerIp), WishlistAddPerIp), (nameof(WishlistAddPerAccount), WishlistAddPerAccount),
        (nameof(OrderCancelPerIp), OrderCancelPerIp), (nameof(OrderCancelPerAccount), OrderCancelPerAccount),
        (nameof(CardPaymentStartPerIp), CardPaymentStartPerIp), (nameof(CardPaymentStartPerAccount), CardPaymentStartPerAccount),
        (nameof(CountedScansPerIp), CountedScansPerIp), (nameof(OpenDataPerIp), OpenDataPerIp),
        (nameof(ReviewSavePerIp), ReviewSavePerIp), (nameof(ReviewSavePerAccount), ReviewSavePerAccount),
        (nameof(ReviewFeedbackPerIp), ReviewFeedbackPerIp), (nameof(ReviewFeedbackPerAccount), ReviewFeedbackPerAccount),
        (nameof(ComplaintSavePerIp), ComplaintSavePerIp), (nameof(ComplaintSavePerAccount), ComplaintSavePerAccount),
        (nameof(LabelReportPerIp), LabelReportPerIp),
    ];

    public IEnumerable<string> Problems()
    {
        foreach (var (name, limit) in All())
        {
            if (limit is null)
            {
                yield return $"RateLimits:{name} is missing.";
                continue;
            }
            foreach (var problem in limit.Problems(name)) yield return problem;
        }
        if (!Enum.IsDefined(Store)) yield return $"RateLimits:Store must be Auto, Memory or Database (got {Store}).";
        if (ResetEmailsPerAccountPerHour < 1)
            yield return $"RateLimits:ResetEmailsPerAccountPerHour must be at least 1 (got {ResetEmailsPerAccountPerHour}).";
    }
}
