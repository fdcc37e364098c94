using System.Net;
using OcopMarket.Core.Common;
using OcopMarket.Core.Webhooks;
using OcopMarket.Core.Webhooks.Domain;

namespace OcopMarket.Tests.Webhooks;

public class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdef";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
    private const string Body = """{"id":"e1","type":"order.placed"}""";

    [Fact]
    public void A_signature_checks_out_only_for_the_same_secret_body_and_a_recent_time()
    {
        var header = WebhookSignature.Create(Secret, At, Body);
        Assert.Matches("^t=1796180400,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, At.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify(Secret + "x", header, Body, At));
        Assert.False(WebhookSignature.Verify(Secret, header, Body.Replace("placed", "cancelled"), At));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, At.AddMinutes(6)));   // a recorded delivery played again later
        Assert.False(WebhookSignature.Verify(Secret, header, Body, At.AddMinutes(-6)));
        // The time is inside what is signed: moving it forward breaks the MAC.
        Assert.False(WebhookSignature.Verify(Secret, header.Replace("t=1796180400", "t=1796180700"), Body, At.AddMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=1796180400")]
    [InlineData("t=1796180400,v1=zz")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public void A_malformed_header_is_refused_not_thrown_on(string? header) =>
        Assert.False(WebhookSignature.Verify(Secret, header, Body, At));

    [Fact]
    public void The_mac_is_hmac_sha256_of_time_dot_body_so_any_receiver_can_compute_it()
    {
        var header = WebhookSignature.Create(Secret, At, Body);
        var expected = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes("1796180400." + Body))).ToLowerInvariant();
        Assert.EndsWith("v1=" + expected, header);
    }
}

public class WebhookTargetPolicyTests
{
    [Theory]
    [InlineData("https://kho.example.vn/ocop")]
    [InlineData("https://shop.example.com:8443/hooks?src=ocop")]
    [InlineData("https://8.8.8.8/hook")]
    public void A_public_https_address_is_accepted(string url) =>
        Assert.Equal(new Uri(url).AbsoluteUri, WebhookTargetPolicy.CheckUrl(url, allowLocal: false).AbsoluteUri);

    [Theory]
    [InlineData("http://kho.example.vn/ocop", "https://")]
    [InlineData("ftp://kho.example.vn/ocop", "không hợp lệ")]
    [InlineData("kho.example.vn/ocop", "không hợp lệ")]
    [InlineData("", "Hãy nhập")]
    [InlineData("https://user:pass@kho.example.vn/", "mật khẩu")]
    [InlineData("https://localhost/hook", "nội bộ")]
    [InlineData("https://api.localhost/hook", "nội bộ")]
    [InlineData("https://database/hook", "nội bộ")]
    [InlineData("https://127.0.0.1/hook", "nội bộ")]
    [InlineData("https://10.1.2.3/hook", "nội bộ")]
    [InlineData("https://169.254.169.254/latest/meta-data", "nội bộ")]
    [InlineData("https://192.168.1.10/hook", "nội bộ")]
    [InlineData("https://[::1]/hook", "nội bộ")]
    [InlineData("https://[fd00::1]/hook", "nội bộ")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "nội bộ")]
    public void Other_addresses_are_refused_with_a_message_in_both_languages(string url, string vietnamese)
    {
        var e = Assert.Throws<DomainException>(() => WebhookTargetPolicy.CheckUrl(url, allowLocal: false));
        Assert.Contains(vietnamese, e.Text.Vi);
        Assert.False(string.IsNullOrWhiteSpace(e.Text.En));
        Assert.NotEqual(e.Text.Vi, e.Text.En);
    }

    [Fact]
    public void A_long_address_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => WebhookTargetPolicy.CheckUrl("https://example.com/" + new string('a', 500), allowLocal: false));
        Assert.Contains("500", e.Text.En);
    }

    [Fact]
    public void Development_may_use_http_on_its_own_machine() =>
        Assert.Equal("http://127.0.0.1:5000/hook", WebhookTargetPolicy.CheckUrl("http://127.0.0.1:5000/hook", allowLocal: true).AbsoluteUri);

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]   // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::808:808", true)]  // NAT64 of 8.8.8.8
    [InlineData("2002:a9fe:a9fe::1", false)] // 6to4 of 169.254.169.254
    public void Public_and_non_public_addresses_are_told_apart(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargetPolicy.IsPublic(IPAddress.Parse(address)));
}

public class WebhookEntityTests
{
    private static readonly DateTime At = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_endpoint_has_a_random_secret_its_events_and_can_be_rotated_or_deleted()
    {
        var a = WebhookEndpoint.Create(7, new Uri("https://kho.example.vn/ocop"), WebhookEvents.OrderPlaced | WebhookEvents.OrderCancelled, At);
        var b = WebhookEndpoint.Create(7, new Uri("https://kho.example.vn/ocop"), WebhookEvents.All, At);
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, a.Secret);
        Assert.True(a.Secret.Length >= 40);
        Assert.NotEqual(a.Secret, b.Secret);
        Assert.True(a.Wants(WebhookEvents.OrderPlaced));
        Assert.False(a.Wants(WebhookEvents.OrderDelivered));
        var old = a.Secret;
        Assert.NotEqual(old, a.RotateSecret());
        a.Delete(At);
        Assert.False(a.Wants(WebhookEvents.OrderPlaced));
        Assert.Throws<DomainException>(() => WebhookEndpoint.Create(7, new Uri("https://x.example"), WebhookEvents.None, At));
        Assert.Throws<DomainException>(() => b.Change((WebhookEvents)64));
    }

    [Fact]
    public void A_failing_delivery_backs_off_doubling_up_to_four_hours_then_gives_up_after_a_day()
    {
        var d = new WebhookDelivery(1, 7, "order.placed", Guid.NewGuid(), "{}", At);
        var waits = new List<double>();
        var now = At;
        while (d.State == WebhookDeliveryState.Pending)
        {
            d.MarkFailed(500, "HTTP 500", now);
            if (d.State == WebhookDeliveryState.Pending) waits.Add((d.NextAttemptAt - now).TotalMinutes);
            now = d.NextAttemptAt;
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240, 240, 240, 240], waits);
        Assert.Equal(WebhookDelivery.MaxAttempts, d.Attempts);
        Assert.Equal(WebhookDeliveryState.GaveUp, d.State);
        Assert.InRange(waits.Sum() / 60, 24, 30); // "more than a day", as the portal says: a receiver down overnight misses nothing

        d.Retry(now);
        Assert.Equal(WebhookDeliveryState.Pending, d.State);
        Assert.Equal(0, d.Attempts);
        Assert.Equal(now, d.NextAttemptAt);
        d.MarkDelivered(204, now);
        Assert.Equal(WebhookDeliveryState.Delivered, d.State);
        Assert.Null(d.LastError);
    }
}
