namespace Platform.Storage.Migrations;

/// <summary>One ordered SQL script, identified by the number its file name starts with.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
