using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OcopMarket.Tests.Support;

/// <summary>
/// One app on a loopback port and one headless Debian Chromium for all browser journeys.
/// Later features add journeys to the "browser" collection, with <c>[Trait("Category", "Browser")]</c>, and get both
/// for free. The app is shared, so a journey that changes anything makes its own producers, products and accounts
/// (<see cref="JourneyData"/>) and leaves seeded rows alone: then no journey depends on another's data or order.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public OcopKestrelFactory App { get; private set; } = null!;

    /// <summary>The fake Stripe the app takes cards through; its hosted page delivers signed webhooks to the app.</summary>
    public FakeStripeApi Stripe { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcopMarket.sln"))) dir = dir.Parent;
            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        if (BrowserFactAttribute.SkipReason is not null) return;
        Stripe = await FakeStripeApi.StartAsync();
        App = new OcopKestrelFactory(Stripe);
        Stripe.WebhookUrl = new Uri(App.RootUri, "/stripe/webhook");
        Stripe.Clock = () => App.Clock.GetUtcNow();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container needs --no-sandbox; the rest keeps Chromium off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// Waits until an interactive page's circuit is live (the layout renders <c>data-interactive=true</c> then):
    /// before that a click does nothing. Starting a circuit opens a WebSocket and renders the page once more; on a
    /// loaded 2-core CI machine that has taken longer than Playwright's default 5 s.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    /// <summary>
    /// Waits until the page's address matches, watching the address only. Not <c>WaitForURLAsync</c>: when the
    /// address already matches as it is called (a fast redirect after a sign-in), it waits for that document's load
    /// event whatever <c>WaitUntil</c> says (Commit maps to no load state, which means Load), and on a loaded CI
    /// machine that event did not come within 15 s. Nor the load event at all: a form post Blazor enhances changes
    /// the address without one, and the next locator waits by itself.
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 15_000 });

    /// <summary>Waits until the page has left an address (e.g. the sign-in form), as <see cref="WaitForUrlAsync"/> does.</summary>
    public static Task WaitToLeaveAsync(IPage page, string pathPart) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(new Regex(Regex.Escape(pathPart)), new() { Timeout = 15_000 });

    /// <summary>A fresh browser context (own cookies) at a given viewport width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
            Locale = "vi-VN",
            // Each journey's browser is its own person on its own machine, as the HTTP tests' clients are: the per-IP
            // abuse limits (ten sign-ins a minute) then hold each journey to one person's allowance, not all of them
            // together (the full run's journeys signed in more than ten times within a minute from one address).
            ExtraHTTPHeaders = new Dictionary<string, string> { [OcopWebFactory.ClientIpHeader] = OcopWebFactory.NewClientIp() },
        });
        context.SetDefaultTimeout(15_000);
        context.Console += (_, message) =>
        {
            if (IsPolicyViolation(message.Text)) _policyViolations.Enqueue($"{message.Location}: {message.Text}");
        };
        return await context.NewPageAsync();
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _policyViolations = new();

    /// <summary>
    /// What the browser refused or could not read in the site's security headers, on any page any journey opened:
    /// a script, style or connection the Content-Security-Policy blocked, or a Permissions-Policy it did not parse.
    /// </summary>
    public IReadOnlyCollection<string> PolicyViolations => _policyViolations;

    private static bool IsPolicyViolation(string consoleText) =>
        consoleText.Contains("Content Security Policy", StringComparison.Ordinal)
        || consoleText.Contains("Permissions-Policy", StringComparison.Ordinal);

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        // Every journey ran under the site's headers: a violation any of them caused fails the run here, even if
        // the journey's own assertions did not notice the missing style or script.
        if (!_policyViolations.IsEmpty)
            throw new InvalidOperationException("The browser reported security policy violations:\n" + string.Join("\n", _policyViolations));
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// A browser journey. Where no Chromium is installed it is skipped with the reason, except on CI
/// (CI=true), where a missing browser is a failure: .ci/run installs it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public static readonly string? SkipReason =
        File.Exists(BrowserFixture.ChromiumPath) || IsCi
            ? null
            : $"No Chromium at {BrowserFixture.ChromiumPath}: install it with `apt-get install -y chromium` to run browser journeys.";

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public BrowserFactAttribute()
    {
        if (SkipReason is not null) Skip = SkipReason;
    }
}
