using Npgsql;
using Platform.Storage.Database;

namespace Platform.Storage.Tests;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void UrlBecomesAConnectionStringWithEveryPart()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseUrl.ToConnectionString("postgres://shop%40user:p%3Ass@db.internal:6543/platform?sslmode=require"));

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("platform", builder.Database);
        Assert.Equal("shop@user", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void UrlWithoutPortUsesTheDefaultPort()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql://u@localhost/db"));

        Assert.Equal(5432, builder.Port);
        Assert.Equal("u", builder.Username);
    }

    [Fact]
    public void ConnectionStringsPassThrough()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("Host=h;Port=1;Database=d;Username=u"));

        Assert.Equal("h", builder.Host);
        Assert.Equal(1, builder.Port);
    }

    [Fact]
    public void MissingConfigurationNamesTheVariable()
    {
        var previous = Environment.GetEnvironmentVariable(DatabaseUrl.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, null);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => DatabaseUrl.Resolve(null));
            Assert.Contains(DatabaseUrl.EnvironmentVariable, error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatabaseUrl.EnvironmentVariable, previous);
        }
    }
}
