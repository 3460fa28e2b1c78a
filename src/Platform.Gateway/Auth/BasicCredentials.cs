using System.Net.Http.Headers;
using System.Text;

namespace Platform.Gateway.Auth;

/// <summary>HTTP Basic credentials: the tracker source reads the write key as the user name, the Hangfire dashboard the system key as the password.</summary>
public static class BasicCredentials
{
    public static (string User, string Password)? Read(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
