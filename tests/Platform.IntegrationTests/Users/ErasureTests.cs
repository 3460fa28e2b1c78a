using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Users;

/// <summary>forgetUser removes a user from every store, leaves only a hashed record, and later events start afresh.</summary>
public sealed class ErasureTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    private const string Forget = "mutation($id: ID!) { forgetUser(id: $id) { userHash erasedAt keyId events outcomes } }";
    private const string Listed = "query($ids: [ID!]) { users(audience: { userIds: $ids }) { nodes { userId } } }";

    [Fact]
    public async Task AForgottenUserIsGoneEverywhereAndComesBackOnlyAsNew()
    {
        var (tenant, admin) = await platform.CreateTenantAsync("forget");
        var now = DateTimeOffset.UtcNow;
        (await platform.Http.PostAsync(admin, "mutation($u: [UserInput!]!) { upsertUsers(users: $u) { rejected } }",
            new { u = new[] { new { id = "u1", age = 30, tags = new[] { "vip" } }, new { id = "u2", age = 40, tags = new[] { "vip" } } } })).AssertSuccess();
        (await platform.Http.PostAsync(admin, Events.Ingest, new
        {
            events = new[]
            {
                Events.View("e1", "u1", "sku-1", now.AddDays(-2)),
                Events.Purchase("e2", "u1", 20m, now.AddDays(-1)),
                Events.Purchase("e3", "u2", 30m, now.AddDays(-1)),
            },
        })).AssertSuccess();
        var experiment = Encoding.UTF8.GetBytes("id,group,orders\nu1,1,1\nu2,0,0\nu1,0,3\n"); // line 4 repeats u1: a rejection quoting the id
        var job = await ImportCalls.ImportAsync(platform.Http, admin, "EXPERIMENT", "x.csv", experiment, new
        {
            experiment = new { name = "x", userIdColumn = "id", assignmentColumn = "group", controlValues = new[] { "0" }, arms = new[] { new { value = "1", name = "a", type = "PERCENT_OFF" } }, conversionColumn = "orders" },
        });
        Assert.Equal(1, job.GetProperty("rowsRejected").GetInt64());
        await WaitUntilAsync(async () => (await ListedAsync(admin, "u1", "u2")).Count == 2);

        var merchant = await platform.CreateKeyAsync(admin, "MERCHANT");
        Assert.Equal(["FORBIDDEN"], (await platform.Http.PostAsync(merchant, Forget, new { id = "u1" })).ErrorCodes);
        var erased = await platform.Http.PostAsync(admin, Forget, new { id = "u1" });

        erased.AssertSuccess();
        var record = erased.Data.GetProperty("forgetUser");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}:u1"))), record.GetProperty("userHash").GetString());
        Assert.Equal((2, 1), (record.GetProperty("events").GetInt64(), record.GetProperty("outcomes").GetInt64()));
        Assert.Equal(JsonValueKindNull, (await platform.Http.PostAsync(admin, Events.Profile, new { id = "u1" })).Data.GetProperty("user").ValueKind);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a projection flush of a row queued before the erasure must not bring it back
        Assert.Equal(["u2"], await ListedAsync(admin, "u1", "u2"));
        Assert.Equal(
            (0L, 0L, 0L, 0L, 0L, 1L),
            (await CountAsync("SELECT count(*) FROM events.log WHERE tenant_id = @t AND user_id = 'u1'", tenant),
             await CountAsync("SELECT count(*) FROM users.attributes WHERE tenant_id = @t AND user_id = 'u1'", tenant),
             await CountAsync("SELECT count(*) FROM users.profiles WHERE tenant_id = @t AND user_id = 'u1'", tenant),
             await CountAsync("SELECT count(*) FROM campaigns.outcomes WHERE tenant_id = @t AND user_id = 'u1'", tenant),
             await CountAsync("SELECT count(*) FROM imports.rejections r JOIN imports.jobs j ON j.id = r.import_id WHERE j.tenant_id = @t AND r.message LIKE '%u1%'", tenant),
             await CountAsync("SELECT count(*) FROM users.erasures WHERE tenant_id = @t", tenant)));
        Assert.Equal(30m, (await platform.Http.PostAsync(admin, Events.Profile, new { id = "u2" })).Data.GetProperty("user").GetProperty("revenue").GetDecimal());

        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("e4", "u1", "sku-2", DateTimeOffset.UtcNow) } })).AssertSuccess();
        var reborn = (await platform.Http.PostAsync(admin, Events.Profile, new { id = "u1" })).Data.GetProperty("user");
        Assert.Equal((0L, 1), (reborn.GetProperty("purchases").GetInt64(), reborn.GetProperty("trajectory").GetArrayLength()));
        await WaitUntilAsync(async () => (await ListedAsync(admin, "u1")).Count == 1);
    }

    [Fact]
    public async Task AnIdNeverSeenIsNotFoundAndAnIdErasedBeforeCanBeErasedAgain()
    {
        var (_, admin) = await platform.CreateTenantAsync("forget-twice");
        (await platform.Http.PostAsync(admin, Events.Ingest, new { events = new[] { Events.View("e1", "u1", "sku-1", DateTimeOffset.UtcNow) } })).AssertSuccess();

        var unknown = await platform.Http.PostAsync(admin, Forget, new { id = "never-seen" });
        var first = await platform.Http.PostAsync(admin, Forget, new { id = "u1" });
        var again = await platform.Http.PostAsync(admin, Forget, new { id = "u1" });
        var invalid = await platform.Http.PostAsync(admin, Forget, new { id = "bad\u0000id" });

        Assert.Equal(["NOT_FOUND"], unknown.ErrorCodes);
        Assert.Equal(1L, first.Data.GetProperty("forgetUser").GetProperty("events").GetInt64());
        Assert.Equal(0L, again.Data.GetProperty("forgetUser").GetProperty("events").GetInt64());
        Assert.Equal(["INVALID_ARGUMENT"], invalid.ErrorCodes);
    }

    private static readonly System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<List<string>> ListedAsync(string key, params string[] ids) =>
        (await platform.Http.PostAsync(key, Listed, new { ids })).Data.GetProperty("users").GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("userId").GetString()!).ToList();

    private async Task<long> CountAsync(string sql, string tenant)
    {
        await using var connection = new NpgsqlConnection(platform.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.ReadUntilAsync(condition, holds => holds, TimeSpan.FromSeconds(20), "the profile projection did not catch up");
}
