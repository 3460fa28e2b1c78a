using Platform.Storage.Migrations;

namespace Platform.Storage.Tests;

public sealed class EmbeddedMigrationsTests
{
    [Fact]
    public void MigrationsAreOrderedAndNumberedWithoutGaps()
    {
        var versions = EmbeddedMigrations.Load().Select(m => m.Version).ToList();

        Assert.NotEmpty(versions);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public void ChecksumsIgnoreLineEndings()
    {
        var migration = EmbeddedMigrations.Load()[0];

        Assert.Matches("^[0-9a-f]{64}$", migration.Checksum);
        Assert.DoesNotContain('\r', migration.Sql);
    }
}
