using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.IntegrationTests.Support;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Sweeps generated from the schema: every root query and mutation called with every kind of key against the role
/// table of docs/api.md#roles, and with tenant A's keys of every role against tenant B's real ids.
/// </summary>
public sealed partial class AccessSweepTests(PlatformFixture platform, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private const string Marker = "7f3ab"; // in tenant B's names and values only: A never sends it

    [Fact]
    public async Task EveryRootFieldAnswersEachKindOfKeyAsTheRoleTableSays()
    {
        var (tenantId, admin) = await platform.CreateTenantAsync("roles");
        var callers = await CallersAsync(admin);
        var fuzzer = await FuzzerAsync(admin);
        var table = RoleTable();
        var schemaFields = fuzzer.Fields(fuzzer.Query).Select(f => (fuzzer.Query, f)).Concat(fuzzer.Fields(fuzzer.Mutation).Select(f => (fuzzer.Mutation, f))).ToList();

        var undocumented = schemaFields.Where(f => !table.ContainsKey(f.f)).Select(f => f.f).ToList();
        var wrong = new List<string>();
        foreach (var (operationType, field) in schemaFields.Where(f => table.ContainsKey(f.f)))
        {
            var call = fuzzer.Call(operationType, field, levels: 0); // fields of the types they return are open: docs/api.md#roles
            foreach (var (caller, key) in callers)
            {
                var response = await platform.Http.SendRawAsync(key, JsonSerializer.Serialize(new { query = call.Document, variables = call.Variables }));
                var forbidden = response.Status == HttpStatusCode.Forbidden && response.ErrorCodes.All(c => c == "FORBIDDEN");
                if (forbidden == table[field].Contains(caller))
                {
                    wrong.Add($"{field} as {caller}: {(forbidden ? "refused, the table allows it" : $"{(int)response.Status} {string.Join(",", response.ErrorCodes)}, the table refuses it")}");
                }
            }
        }

        output.WriteLine($"roles: {schemaFields.Count} root fields × {callers.Count} kinds of key = {schemaFields.Count * callers.Count} calls");
        Assert.True(undocumented.Count == 0, "Root fields missing from docs/api.md#roles: " + string.Join(", ", undocumented));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        _ = tenantId;
    }

    [Fact]
    public async Task NoKeyOfTenantAReadsOrChangesWhatTenantBOwns()
    {
        var (_, adminB) = await platform.CreateTenantAsync("owner");
        var b = await TenantBAsync(adminB);
        var (tenantA, adminA) = await platform.CreateTenantAsync("prober");
        (await platform.Http.PostAsync(platform.Settings.SystemKey, Tenants.SetRateLimit, new { tenant = tenantA, perSecond = 100_000 })).AssertSuccess();
        var keysA = new[] { adminA, await platform.CreateKeyAsync(adminA, "MERCHANT"), await platform.CreateKeyAsync(adminA, "PARTNER") };
        var fuzzer = await FuzzerAsync(adminA);
        var fields = fuzzer.Fields(fuzzer.Query).Select(f => (fuzzer.Query, f)).Concat(fuzzer.Fields(fuzzer.Mutation).Select(f => (fuzzer.Mutation, f))).ToList();

        var calls = 0;
        var leaks = new List<string>();
        foreach (var key in keysA)
        {
            foreach (var (operationType, field) in fields)
            {
                foreach (var id in b.Ids)
                {
                    var call = fuzzer.Call(operationType, field, isList => isList ? new JsonArray(id) : JsonValue.Create(id));
                    if (!call.Document.Contains("$", StringComparison.Ordinal) && id != b.Ids[0])
                    {
                        continue; // no arguments: one call is enough
                    }

                    calls++;
                    var response = await platform.Http.SendRawAsync(key, JsonSerializer.Serialize(new { query = call.Document, variables = call.Variables }));
                    if (response.Status == HttpStatusCode.TooManyRequests || response.Body.GetRawText().Contains(Marker, StringComparison.OrdinalIgnoreCase))
                    {
                        leaks.Add($"{field}({id}): {response.Body.GetRawText()[..Math.Min(300, response.Body.GetRawText().Length)]}");
                    }
                }
            }
        }

        output.WriteLine($"tenant sweep: {calls} calls by A's ADMIN, MERCHANT and PARTNER keys with B's {b.Ids.Count} ids, {leaks.Count} leaks");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        await AssertTenantBIsIntactAsync(adminB, b);
    }

    [Fact]
    public async Task EverySubscriptionAnswersEachKindOfKeyAsTheRoleTableSays()
    {
        var (_, admin) = await platform.CreateTenantAsync("streams");
        var callers = await CallersAsync(admin);
        var fuzzer = await FuzzerAsync(admin);
        var table = RoleTable();
        var fields = fuzzer.Fields(fuzzer.Subscription).ToList();

        var wrong = new List<string>();
        foreach (var field in fields.Where(table.ContainsKey))
        {
            var call = fuzzer.Call(fuzzer.Subscription, field, _ => JsonValue.Create(Guid.NewGuid().ToString()), levels: 0);
            foreach (var (caller, key) in callers)
            {
                var answer = await FirstAnswerAsync(key, call);
                var refused = answer.Codes.Count > 0 && answer.Codes.All(c => c == "FORBIDDEN");
                var allowedAnswer = answer.Codes.SequenceEqual(["NOT_FOUND"]); // a run id no one has
                if (table[field].Contains(caller) ? !allowedAnswer : !refused)
                {
                    wrong.Add($"{field} as {caller}: {answer}");
                }
            }
        }

        output.WriteLine($"subscription roles: {fields.Count} subscriptions × {callers.Count} kinds of key = {fields.Count * callers.Count} subscribes");
        Assert.All(fields, f => Assert.True(table.ContainsKey(f), $"{f} is missing from docs/api.md#roles"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task NoKeyOfTenantAFollowsAStreamOfTenantB()
    {
        var (_, adminB) = await platform.CreateTenantAsync("streamed");
        var b = await TenantBAsync(adminB);
        var runOfB = await platform.Http.FieldAsync(adminB, "mutation { systemCheck(queue: CPU) { id } }", null, "systemCheck");
        var importOfB = await platform.Http.UploadAsync(adminB, ImportCalls.Import, new Dictionary<string, object?> { ["kind"] = "USERS" }, "users.csv", "id,region\nb-user-7,north\n"u8.ToArray());
        importOfB.AssertSuccess();
        var ids = b.Ids.Concat([runOfB.GetProperty("id").GetString()!, importOfB.Data.GetProperty("importDataset").GetProperty("id").GetString()!]).ToList();
        var (_, adminA) = await platform.CreateTenantAsync("follower");
        var keysA = new[] { adminA, await platform.CreateKeyAsync(adminA, "MERCHANT"), await platform.CreateKeyAsync(adminA, "PARTNER") };
        var fuzzer = await FuzzerAsync(adminA);

        var streamed = new List<string>();
        var subscribes = 0;
        foreach (var key in keysA)
        {
            foreach (var field in fuzzer.Fields(fuzzer.Subscription))
            {
                foreach (var id in ids)
                {
                    subscribes++;
                    var answer = await FirstAnswerAsync(key, fuzzer.Call(fuzzer.Subscription, field, _ => JsonValue.Create(id), levels: 2));
                    if (answer.Codes.Count == 0 || !answer.Codes.All(c => c is "NOT_FOUND" or "FORBIDDEN" or "INVALID_ARGUMENT"))
                    {
                        streamed.Add($"{field}({id}): {answer}");
                    }
                }
            }
        }

        output.WriteLine($"subscription sweep: {subscribes} subscribes by A's ADMIN, MERCHANT and PARTNER keys with B's {ids.Count} ids, {streamed.Count} not refused as unknown or forbidden");
        Assert.True(streamed.Count == 0, string.Join("\n", streamed));
        await AssertTenantBIsIntactAsync(adminB, b);
    }

    // One key of each kind, by the role table's column names.
    private async Task<Dictionary<string, string>> CallersAsync(string admin) => new()
    {
        ["system key"] = platform.Settings.SystemKey,
        ["ADMIN"] = admin,
        ["MERCHANT"] = await platform.CreateKeyAsync(admin, "MERCHANT"),
        ["PARTNER"] = await platform.CreateKeyAsync(admin, "PARTNER"),
        ["TRACKER"] = await platform.CreateKeyAsync(admin, "TRACKER"),
    };

    /// <summary>The first answer to one subscription: the error codes of a refusal (a key refused at connection counts as FORBIDDEN), else what came.</summary>
    private async Task<Answer> FirstAnswerAsync(string key, SchemaFuzzer.Case call)
    {
        await using var socket = await WebSocketClient.ConnectAsync(platform.Node.GraphQLUri);
        var ack = await socket.InitialiseAsync(key);
        if (ack.ValueKind != JsonValueKind.Object || ack.GetProperty("type").GetString() != "connection_ack")
        {
            // Only 4403 is a refusal of the key; any other end of the connection is reported as it is.
            var refused = (int?)socket.CloseStatus == 4403;
            return new Answer([refused ? "FORBIDDEN" : "CONNECTION_CLOSED"], $"connection ended: {(int?)socket.CloseStatus} {socket.CloseDescription}");
        }

        await socket.SubscribeAsync("1", call.Document, call.Variables);
        JsonElement message;
        try
        {
            message = await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            return new Answer([], "no answer within 5 s: the subscription is running");
        }

        var payload = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("payload", out var p) ? p : default;
        var errors = payload.ValueKind == JsonValueKind.Array ? payload
            : payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("errors", out var e) ? e : default;
        var codes = errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(x => x.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "").ToList()
            : [];
        var text = message.ValueKind == JsonValueKind.Undefined ? "closed" : message.GetRawText();
        return new Answer(codes, text[..Math.Min(300, text.Length)]);
    }

    private sealed record Answer(IReadOnlyList<string> Codes, string Text)
    {
        public override string ToString() => $"[{string.Join(",", Codes)}] {Text}";
    }

    private sealed record TenantB(string CampaignId, string WebhookId, string KeyId, string UserId)
    {
        public List<string> Ids => [CampaignId, WebhookId, KeyId, UserId];
    }

    private async Task<TenantB> TenantBAsync(string admin)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var campaign = await platform.Http.FieldAsync(admin, "mutation($d: CampaignDesignInput!) { createCampaign(design: $d) { id } }",
            new { d = new { name = $"B secret campaign {Marker}", type = "PERCENT_OFF", value = 10, channel = "EMAIL", startsAt = start, endsAt = start.AddDays(5) } }, "createCampaign");
        var webhook = await platform.Http.FieldAsync(admin, "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }",
            new { i = new { url = $"https://b-secret-{Marker}.example.com/hook", events = new[] { "CAMPAIGN_STATUS" }, secret = "b-secret-0123456789abcdef" } }, "createWebhook");
        var key = await platform.Http.FieldAsync(admin, "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }",
            new { i = new { role = "PARTNER", name = $"b secret key {Marker}" } }, "createApiKey");
        const string User = "b-user-42";
        (await platform.Http.PostAsync(admin, "mutation($u: [UserInput!]!) { upsertUsers(users: $u) { accepted } }",
            new { u = new[] { new { id = User, region = $"bsecret{Marker}" } } })).AssertSuccess();
        (await platform.Http.PostAsync(admin, "mutation($n: String!, $r: AudienceRuleInput!) { createSegment(name: $n, rule: $r) { name } }",
            new { n = $"b_secret_segment_{Marker}", r = new { field = "region", op = "EQ", value = $"bsecret{Marker}" } })).AssertSuccess();
        return new TenantB(campaign.GetProperty("id").GetString()!, webhook.GetProperty("id").GetString()!, key.GetProperty("apiKey").GetProperty("id").GetString()!, User);
    }

    private async Task AssertTenantBIsIntactAsync(string admin, TenantB b)
    {
        var read = await platform.Http.PostAsync(admin,
            "query($c: ID!, $u: ID!) { campaign(id: $c) { name status } webhooks { id active } apiKeys { nodes { id revokedAt } } user(id: $u) { attributes { region } } segments { name } }",
            new { c = b.CampaignId, u = b.UserId });
        read.AssertSuccess();
        Assert.Equal(("DRAFT", $"B secret campaign {Marker}"), (read.Data.GetProperty("campaign").GetProperty("status").GetString(), read.Data.GetProperty("campaign").GetProperty("name").GetString()));
        Assert.True(Assert.Single(read.Data.GetProperty("webhooks").EnumerateArray()).GetProperty("active").GetBoolean());
        Assert.All(read.Data.GetProperty("apiKeys").GetProperty("nodes").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("revokedAt").ValueKind));
        Assert.Equal($"bsecret{Marker}", read.Data.GetProperty("user").GetProperty("attributes").GetProperty("region").GetString());
        Assert.Single(read.Data.GetProperty("segments").EnumerateArray());
    }

    private async Task<SchemaFuzzer> FuzzerAsync(string key)
    {
        var introspection = await platform.Http.PostAsync(key, IntrospectionQuery.Text);
        introspection.AssertSuccess();
        return new SchemaFuzzer(introspection.Data.GetProperty("__schema"));
    }

    /// <summary>docs/api.md's role table: for each query, mutation and subscription, the kinds of key it lists with ✓.</summary>
    private static Dictionary<string, HashSet<string>> RoleTable()
    {
        var columns = new[] { "system key", "ADMIN", "MERCHANT", "PARTNER", "TRACKER" };
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "api.md"))
            .SkipWhile(l => !l.StartsWith("| root field |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|'));
        foreach (var line in lines)
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells[2] is not ("query" or "mutation" or "subscription"))
            {
                continue;
            }

            var allowed = columns.Where((_, i) => cells[3 + i] == "✓").ToHashSet();
            foreach (Match name in FieldName().Matches(cells[1]))
            {
                table[name.Groups[1].Value] = allowed;
            }
        }

        return table;
    }

    [GeneratedRegex(@"`(\w+)")]
    private static partial Regex FieldName();
}
