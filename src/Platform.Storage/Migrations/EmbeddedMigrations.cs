using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Storage.Migrations;

/// <summary>Loads the SQL files embedded in this assembly as "Migrations.NNNN_name.sql".</summary>
public static class EmbeddedMigrations
{
    private const string ResourcePrefix = "Migrations.";

    public static IReadOnlyList<Migration> Load() => Load(typeof(EmbeddedMigrations).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, fileName, sql, checksum);
    }
}
