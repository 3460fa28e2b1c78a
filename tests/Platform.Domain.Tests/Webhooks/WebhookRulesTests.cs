using System.Net;
using System.Security.Cryptography;
using System.Text;
using Platform.Domain.Webhooks;

namespace Platform.Domain.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    private static readonly WebhookTargetPolicy Strict = new();
    private static readonly WebhookTargetPolicy Local = new(AllowHttp: true, AllowPrivateNetworks: true);

    [Theory]
    [InlineData("https://hooks.partner.example/kpis", null)]
    [InlineData("https://93.184.216.34/hook", null)]
    [InlineData("http://hooks.partner.example/kpis", "https")]
    [InlineData("ftp://hooks.partner.example/kpis", "https")]
    [InlineData("no url at all", "absolute_url")]
    [InlineData("https://user:pass@hooks.partner.example/", "no_credentials")]
    [InlineData("https://localhost/hook", "public_address")]
    [InlineData("https://127.0.0.1/hook", "public_address")]
    [InlineData("https://10.1.2.3/hook", "public_address")]
    [InlineData("https://172.16.0.1/hook", "public_address")]
    [InlineData("https://192.168.1.1/hook", "public_address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "public_address")]
    [InlineData("https://100.64.0.1/hook", "public_address")]
    [InlineData("https://[::1]/hook", "public_address")]
    [InlineData("https://[fd00::1]/hook", "public_address")]
    [InlineData("https://[fe80::1]/hook", "public_address")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "public_address")]
    [InlineData("https://0.0.0.0/hook", "public_address")]
    public void UrlsAreCheckedAgainstTheStrictPolicy(string url, string? rule) =>
        Assert.Equal(rule, WebhookTargets.ValidateUrl(url, Strict).SingleOrDefault()?.Rule);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://10.1.2.3/hook")]
    public void ADeploymentMayAllowLocalTargets(string url) => Assert.Empty(WebhookTargets.ValidateUrl(url, Local));

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.53", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("224.0.0.1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2002:a00:1::1", false)]
    [InlineData("2001:0:a00:1::1", false)]
    [InlineData("::a00:1", false)]
    public void ResolvedAddressesArePublicOrNot(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.MayConnect(IPAddress.Parse(address), Strict));

    [Fact]
    public void TheSignatureIsAnHmacOfTimestampAndBody()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        const string body = """{"event":"CAMPAIGN_KPIS"}""";
        var header = WebhookSignature.Sign("s3cret-s3cret-s3cret", at, body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("s3cret-s3cret-s3cret"u8.ToArray(), Encoding.UTF8.GetBytes($"1790000000.{body}")));
        Assert.Equal($"t=1790000000,v1={expected}", header);
        Assert.True(WebhookSignature.Verify("s3cret-s3cret-s3cret", header, body, at.AddMinutes(1), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret-s3cret-s3cret", header, body + " ", at, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-xx", header, body, at, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret-s3cret-s3cret", header, body, at.AddMinutes(10), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void FailedDeliveriesBackOffThenStop()
    {
        var retries = new WebhookRetries(MaxAttempts: 6);
        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), null],
            Enumerable.Range(1, 6).Select(retries.After));
    }

    [Theory]
    [InlineData("https://hooks.example.com/in/42?token=s3cret", "https://hooks.example.com/…")]
    [InlineData("https://hooks.slack.com/services/T00/B00/s3cret", "https://hooks.slack.com/…")]
    [InlineData("https://hooks.example.com:8443", "https://hooks.example.com:8443")]
    [InlineData("not a url", "(not a URL)")]
    public void LogsShowAWebhookUrlWithoutItsPathOrQuery(string url, string logged) => Assert.Equal(logged, WebhookTargets.ForLog(url));
}
