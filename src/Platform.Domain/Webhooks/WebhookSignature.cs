using System.Security.Cryptography;
using System.Text;

namespace Platform.Domain.Webhooks;

/// <summary>
/// The signature header of a delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// Receivers recompute v1 over the raw body, compare in constant time, and reject old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Platform-Signature";

    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds},v1={Hex(secret, seconds, body)}";
    }

    /// <summary>Whether the header signs the body with the secret and is at most <paramref name="tolerance"/> old at <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var seconds) || !parts.TryGetValue("v1", out var v1)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v1), Encoding.ASCII.GetBytes(Hex(secret, seconds, body)));
    }

    private static string Hex(string secret, long seconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{seconds}.{body}")));
}
