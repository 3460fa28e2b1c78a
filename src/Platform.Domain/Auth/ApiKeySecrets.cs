using System.Security.Cryptography;
using System.Text;

namespace Platform.Domain.Auth;

/// <summary>
/// API key secrets: 256 random bits, shown once, stored only as a SHA-256 hash.
/// A fast hash is enough because the secret has full entropy (no dictionary to try).
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "pk_";
    private const int SecretBytes = 32;

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The first characters of a secret, safe to show so people can tell keys apart.</summary>
    public static string Hint(string secret) => secret.Length <= 10 ? secret : secret[..10];

    /// <summary>Compares two secrets in constant time (for the configured system key).</summary>
    public static bool SecretsEqual(string? presented, string expected)
    {
        if (presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
