using Platform.Domain.Imports;
using Platform.Domain.Jobs;
using Platform.Storage.Imports;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>One import is run by one worker at a time, and an import that has ended is never ended again.</summary>
public sealed class ImportLeaseTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ImportStore imports = new(database.DataSource);

    [Fact]
    public async Task AnImportIsLeasedToOneWorkerUntilItLetsGo()
    {
        var id = Guid.NewGuid();
        var first = await imports.TryLeaseAsync(id);
        Assert.NotNull(first);
        Assert.Null(await imports.TryLeaseAsync(id)); // a second worker given the same job
        await using (var other = await imports.TryLeaseAsync(Guid.NewGuid()))
        {
            Assert.NotNull(other); // another import is not held back
        }

        await first.DisposeAsync();
        await using var second = await imports.TryLeaseAsync(id);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task ALeaseWhoseSessionDiesIsReleased()
    {
        var id = Guid.NewGuid();
        await using var held = await imports.TryLeaseAsync(id);
        Assert.NotNull(held);

        // What the server does when the worker's process is killed: its session ends.
        await using (var terminate = database.DataSource.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (hashtextextended('import:' || @id, 0) & 4294967295)::oid"))
        {
            terminate.Parameters.AddWithValue("id", id.ToString());
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }

        await using var taken = await Eventually(() => imports.TryLeaseAsync(id));
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task AnImportThatEndedStaysAsItEnded()
    {
        var job = await imports.CreateAsync($"t{Guid.NewGuid():N}"[..12], ImportKind.Events, "history.csv", "{}", null);
        Assert.NotNull(await imports.ClaimAsync(job.Id));
        Assert.Equal(RunStatus.Succeeded, (await imports.FinishAsync(job.Id, succeeded: true, "{}", null))?.Status);

        // A second run that lost its file (the first deleted it on finishing) fails: the import stays SUCCEEDED.
        Assert.Null(await imports.FinishAsync(job.Id, succeeded: false, null, "upload lost"));
        Assert.Null(await imports.ClaimAsync(job.Id));
    }

    private static async Task<ImportLease?> Eventually(Func<Task<ImportLease?>> take)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await take() is { } lease)
            {
                return lease;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
