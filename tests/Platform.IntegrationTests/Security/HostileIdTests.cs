using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Every argument that takes an id is checked with the id rule at the edge: a NUL byte, a bidirectional override,
/// or an overlong id is INVALID_ARGUMENT naming the argument, never a database error or a failed grain.
/// </summary>
public sealed class HostileIdTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    public static TheoryData<string, string> Fields { get; } = new()
    {
        { "query($id: ID!) { user(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { recommendations(userId: $id) { __typename } }", "userId" },
        { "query($id: ID!) { itemRecommendations(userId: $id) { __typename } }", "userId" },
        { "query($id: ID!) { itemRecommendations(userId: \"u1\", campaignId: $id) { __typename } }", "campaignId" },
        { "query($id: ID!) { forecastCampaign(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { campaignOptimization(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { scoreShoppers(campaignId: $id) { __typename } }", "campaignId" },
        { "query($id: ID!) { campaign(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { campaignAssignments(campaignId: $id, userIds: [\"u1\"]) { __typename } }", "campaignId" },
        { "query($id: ID!) { campaignAssignments(campaignId: \"c1\", userIds: [\"u1\", $id]) { __typename } }", "userIds[1]" },
        { "query($id: ID!) { importJob(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { systemCheckRun(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { trainingRun(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { modelVersion(id: $id) { __typename } }", "id" },
        { "query($id: ID!) { users(audience: { uplift: { keep: POSITIVE_MARGIN, campaignId: $id } }) { __typename } }", "audience.uplift.campaignId" },
        { "mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { forgetUser(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { updateCampaign(id: $id, changes: { name: \"x\" }) { __typename } }", "id" },
        { "mutation($id: ID!) { launchCampaign(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { resumeCampaign(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { endCampaign(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { enableWebhook(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { disableWebhook(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { deleteWebhook(id: $id) }", "id" },
        { "mutation($id: ID!) { cancelTrainingRun(id: $id) { __typename } }", "id" },
        { "mutation($id: ID!) { promoteModel(versionId: $id) { __typename } }", "versionId" },
    };

    // As JSON string literals (a lone surrogate, "\ud800", is refused earlier as INVALID_JSON: HttpTransportTests).
    public static IEnumerable<string> HostileIds { get; } = ["\"a\\u0000b\"", "\"\\u202egnp.exe\"", $"\"{new string('x', 10_000)}\""];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task AHostileIdIsRefusedAtTheEdge(string document, string argument)
    {
        var (_, admin) = await platform.CreateTenantAsync();

        var wrong = new List<string>();
        foreach (var id in HostileIds)
        {
            var response = await platform.Http.SendRawAsync(admin, "{\"query\": " + JsonSerializer.Serialize(document) + ", \"variables\": {\"id\": " + id + "}}");
            var field = response.ErrorCodes.Count == 1 && response.FirstError.TryGetProperty("extensions", out var extensions)
                && extensions.TryGetProperty("field", out var named) ? named.GetString() : null;
            if (response.Status != HttpStatusCode.OK || response.ErrorCodes is not ["INVALID_ARGUMENT"] || field != argument)
            {
                wrong.Add($"{Uri.EscapeDataString(id[..Math.Min(id.Length, 12)])}: {(int)response.Status} {string.Join(",", response.ErrorCodes)} field {field}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }
}
