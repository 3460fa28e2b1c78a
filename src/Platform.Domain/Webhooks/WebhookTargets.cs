using Platform.Domain.Errors;
using System.Net;
using System.Net.Sockets;
using Platform.Domain.Events;

namespace Platform.Domain.Webhooks;

/// <summary>What a deployment lets webhooks reach. The default allows only https to public addresses.</summary>
public sealed record WebhookTargetPolicy(bool AllowHttp = false, bool AllowPrivateNetworks = false);

/// <summary>
/// Guards against server-side request forgery: a webhook URL must be absolute https (http only where the
/// deployment allows it), carry no credentials, and never point at loopback, private, link-local, shared,
/// multicast or unspecified addresses unless the deployment allows private networks. URLs are checked when
/// created; the addresses a host resolves to are checked again when each delivery connects.
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2_000;

    public static IReadOnlyList<Violation> ValidateUrl(string url, WebhookTargetPolicy policy)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return [new("url", "absolute_url", $"url must be an absolute URL of at most {MaxUrlLength} characters.")];
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(policy.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return [new("url", "https", policy.AllowHttp ? "url must use http or https." : "url must use https.")];
        }

        if (uri.UserInfo.Length > 0)
        {
            return [new("url", "no_credentials", "url must not carry a user name or password; sign with the secret instead.")];
        }

        if (!policy.AllowPrivateNetworks && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !IsPublic(address))))
        {
            return [new("url", "public_address", "url must not point at a loopback, private or link-local address.")];
        }

        return [];
    }

    /// <summary>
    /// The URL as logs show it: scheme, host and port only. Paths and query strings may carry a token (Slack's and
    /// Discord's webhook URLs hold theirs in the path).
    /// </summary>
    public static string ForLog(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + (uri.PathAndQuery.Length > 1 ? "/…" : "")
            : "(not a URL)";

    /// <summary>Whether a delivery may connect to this address under the policy.</summary>
    public static bool MayConnect(IPAddress address, WebhookTargetPolicy policy) => policy.AllowPrivateNetworks || IsPublic(address);

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) || (b[0] == 198 && (b[1] & 0xFE) == 18)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113) || b[0] >= 224),
            AddressFamily.InterNetworkV6 => !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC
                || EmbedsIPv4(b)),
            _ => false,
        };
    }

    // Forms that carry an IPv4 address a gateway may route to: IPv4-compatible ::/96, NAT64 64:ff9b::/96 and
    // 64:ff9b:1::/48, 6to4 2002::/16 and Teredo 2001::/32. Refused whatever the IPv4 address inside.
    private static bool EmbedsIPv4(byte[] b) =>
        b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
        || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        || (b[0] == 0x20 && b[1] == 0x02)
        || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00);
}
