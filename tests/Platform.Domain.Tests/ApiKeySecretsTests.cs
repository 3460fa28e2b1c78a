using Platform.Domain.Auth;

namespace Platform.Domain.Tests;

public sealed class ApiKeySecretsTests
{
    [Fact]
    public void SecretsAreUrlSafeAndCarry256RandomBits()
    {
        var secret = ApiKeySecrets.Generate();

        Assert.StartsWith(ApiKeySecrets.Prefix, secret);
        Assert.Matches("^pk_[A-Za-z0-9_-]{43}$", secret);
    }

    [Fact]
    public void TwoSecretsNeverRepeat()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => ApiKeySecrets.Generate()).ToHashSet();

        Assert.Equal(1000, secrets.Count);
    }

    [Fact]
    public void TheHashIsStableAndDoesNotContainTheSecret()
    {
        var secret = ApiKeySecrets.Generate();

        Assert.Equal(ApiKeySecrets.Hash(secret), ApiKeySecrets.Hash(secret));
        Assert.Matches("^[0-9a-f]{64}$", ApiKeySecrets.Hash(secret));
        Assert.NotEqual(ApiKeySecrets.Hash(secret), ApiKeySecrets.Hash(secret + "x"));
    }

    [Fact]
    public void TheHintIsOnlyAPrefix()
    {
        var secret = ApiKeySecrets.Generate();

        Assert.Equal(secret[..10], ApiKeySecrets.Hint(secret));
    }

    [Theory]
    [InlineData("system-key", "system-key", true)]
    [InlineData("system-key", "system-kez", false)]
    [InlineData(null, "system-key", false)]
    [InlineData("", "system-key", false)]
    public void SecretsCompareExactly(string? presented, string expected, bool equal) =>
        Assert.Equal(equal, ApiKeySecrets.SecretsEqual(presented, expected));
}
