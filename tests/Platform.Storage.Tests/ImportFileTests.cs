using Platform.Domain.Imports;
using Platform.Storage.Imports;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>An uploaded file reads back whole, or not at all: its unlogged chunks may be lost to a database crash.</summary>
public sealed class ImportFileTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ImportStore imports = new(database.DataSource);

    [Fact]
    public async Task AStoredFileReadsBackWhole()
    {
        var (job, content) = await UploadAsync(ImportStore.ChunkBytes + 10);

        using var read = new MemoryStream();
        await using (var file = imports.OpenFile(job))
        {
            await file.CopyToAsync(read);
        }

        Assert.Equal(content, read.ToArray());
    }

    [Theory]
    [InlineData("chunk_no >= 0")] // a crash emptied the table before the import ran
    [InlineData("chunk_no = 1")] // ... or while it read the file
    public async Task AFileWhoseChunksAreGoneFailsToReadRatherThanEndingEarly(string lost)
    {
        var (job, _) = await UploadAsync(ImportStore.ChunkBytes + 10);
        await using (var delete = database.DataSource.CreateCommand($"DELETE FROM imports.file_chunks WHERE import_id = @id AND {lost}"))
        {
            delete.Parameters.AddWithValue("id", job.Id);
            await delete.ExecuteNonQueryAsync();
        }

        await using var file = imports.OpenFile(job);
        await Assert.ThrowsAsync<UploadLostException>(() => file.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task UploadedChunksSkipTheWal()
    {
        await using var command = database.DataSource.CreateCommand("SELECT relpersistence FROM pg_class WHERE oid = 'imports.file_chunks'::regclass");

        Assert.Equal('u', (char)(await command.ExecuteScalarAsync())!); // unlogged: the price is the loss covered above
    }

    private async Task<(ImportJobRecord Job, byte[] Content)> UploadAsync(int bytes)
    {
        var content = new byte[bytes];
        Random.Shared.NextBytes(content);
        var created = await imports.CreateAsync($"t{Guid.NewGuid():N}"[..12], ImportKind.Events, "events.csv", "{}", requestedBy: null);
        await imports.StoreFileAsync(created.Id, new MemoryStream(content), long.MaxValue);
        return ((await imports.FindAsync(created.TenantId, created.Id))!, content);
    }
}
