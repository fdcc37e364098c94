using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.AbuseLimits;

/// <summary>
/// The app with its default abuse limits, and browsers that come from an
/// IP address the test chooses, so a test can send several browsers from one machine or one from many.
/// </summary>
public class AbuseLimitWebFactory : OcopWebFactory
{
    public sealed class CountingInMemory : AbuseLimitWebFactory
    {
        public CountingInMemory() => Settings["RateLimits:Store"] = "Memory";
    }

    public sealed class CountingInDatabase : AbuseLimitWebFactory
    {
        public CountingInDatabase() => Settings["RateLimits:Store"] = "Database";
    }

    /// <summary>A browser with its own cookies, not following redirects, whose requests all come from <paramref name="ip"/>.</summary>
    public HttpClient Browser(string ip)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        FromIp(client, ip);
        return client;
    }

    /// <summary>A client whose only cookie is the chosen language (as the header's switch sets it).</summary>
    public HttpClient BrowserInLanguage(string ip, string culture)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        FromIp(client, ip);
        client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        return client;
    }

    private static void FromIp(HttpClient client, string ip)
    {
        client.DefaultRequestHeaders.Remove(ClientIpHeader);
        client.DefaultRequestHeaders.Add(ClientIpHeader, ip);
    }
}
