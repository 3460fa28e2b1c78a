using GraphQL;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain;
using Platform.Domain.Auth;
using Platform.Domain.Tenants;
using Platform.Gateway.Auth;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Arguments;
using Platform.Gateway.Api.Types;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Operations;

/// <summary>Tenants, their settings and their API keys.</summary>
public sealed class TenantService(
    IGrainFactory grains,
    ApiKeyStore keys,
    ApiKeyAuthenticator authenticator,
    TenantDirectory directory,
    ILogger<TenantService> logger)
{
    public async Task<CreateTenantPayload> CreateTenantAsync(CreateTenantInput input, CancellationToken cancellationToken)
    {
        var requestsPerSecond = input.RequestsPerSecond ?? TenantSettingsRules.DefaultRequestsPerSecond;
        Require(
            TenantIds.Check("input.id", input.Id),
            DisplayNames.Check("input.name", input.Name),
            TenantSettingsRules.CheckRequestsPerSecond("input.requestsPerSecond", requestsPerSecond));

        // The key is written first: a key whose tenant does not exist opens nothing, so a failure between
        // the two steps leaves no tenant without an admin key.
        var secret = ApiKeySecrets.Generate();
        var adminKey = await keys.CreateAsync(input.Id, Role.Admin, "initial admin", secret, createdBy: null, cancellationToken);
        // On an error the key is kept: the grain may have stored the tenant before the error reached us.
        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(input.Id))
            .CreateAsync(input.Name.Trim(), TenantSettings.Default with { RequestsPerSecond = requestsPerSecond });
        if (tenant is null)
        {
            await keys.DeleteAsync(input.Id, adminKey.Id, CancellationToken.None);
            throw ApiError.Refused(ErrorCodes.AlreadyExists, $"A tenant with id '{input.Id}' already exists.");
        }

        directory.Remember(tenant);
        logger.LogInformation("Created tenant {TenantId} with admin key {KeyId}", tenant.Id, adminKey.Id);
        return new CreateTenantPayload(tenant, adminKey, secret);
    }

    public async Task<TenantInfo> SetRateLimitAsync(SetTenantRateLimitInput input)
    {
        Require(
            TenantIds.Check("input.tenantId", input.TenantId),
            TenantSettingsRules.CheckRequestsPerSecond("input.requestsPerSecond", input.RequestsPerSecond));
        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(input.TenantId))
            .UpdateSettingsAsync(new TenantSettingsChange(RequestsPerSecond: input.RequestsPerSecond))
            ?? throw ApiError.NotFound("tenant", input.TenantId);
        directory.Remember(tenant);
        return tenant;
    }

    public async Task<TenantInfo> UpdateSettingsAsync(string tenantId, UpdateTenantSettingsInput input)
    {
        Require(
            input.EventHorizonDays is { } horizon ? TenantSettingsRules.CheckEventHorizonDays("input.eventHorizonDays", horizon) : null,
            input.AffinityHalfLifeDays is { } halfLife ? TenantSettingsRules.CheckAffinityHalfLifeDays("input.affinityHalfLifeDays", halfLife) : null,
            input.MarginRate is { } margin ? TenantSettingsRules.CheckMarginRate("input.marginRate", margin) : null,
            input.PrePeriodDays is { } prePeriod ? TenantSettingsRules.CheckPrePeriodDays("input.prePeriodDays", prePeriod) : null);

        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId))
            .UpdateSettingsAsync(new TenantSettingsChange(EventHorizonDays: input.EventHorizonDays, AffinityHalfLifeDays: input.AffinityHalfLifeDays, MarginRate: input.MarginRate, PrePeriodDays: input.PrePeriodDays))
            ?? throw ApiError.NotFound("tenant", tenantId);
        directory.Remember(tenant);
        return tenant;
    }

    public async Task<CreateApiKeyPayload> CreateApiKeyAsync(Caller caller, CreateApiKeyInput input, CancellationToken cancellationToken)
    {
        Require(DisplayNames.Check("input.name", input.Name));
        var secret = ApiKeySecrets.Generate();
        var key = await keys.CreateAsync(caller.TenantId!, input.Role, input.Name.Trim(), secret, caller.KeyId, cancellationToken);
        logger.LogInformation("Key {KeyId} ({Role}) created in tenant {TenantId} by {Caller}", key.Id, key.Role, key.TenantId, caller.Label);
        return new CreateApiKeyPayload(key, secret);
    }

    public const int DefaultKeysPage = 50;
    public const int MaxKeysPage = 200;

    public async Task<Page<ApiKeyRecord>> ListApiKeysAsync(string tenantId, int? first, string? after, CancellationToken cancellationToken)
    {
        var size = Paging.Size(first, DefaultKeysPage, MaxKeysPage);
        var fetched = await keys.ListAsync(tenantId, size + 1, after is null ? null : Paging.ParseTimeGuidCursor(after, "apiKeys"), cancellationToken);
        return Page<ApiKeyRecord>.From(fetched, size, k => Paging.TimeCursor("apiKeys", k.CreatedAt, k.Id.ToString("N")));
    }

    public async Task<ApiKeyRecord> RevokeApiKeyAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(tenantId, ApiError.RequireUuid("id", id, "createApiKey"), cancellationToken);
        if (result is { LastActiveAdmin: true })
        {
            throw ApiError.Refused(ErrorCodes.LastAdminKey, "This is the tenant's last active ADMIN key; create another ADMIN key before revoking it.");
        }

        var key = result?.Key ?? throw ApiError.NotFound("API key", id);
        authenticator.Forget(key.Id);
        logger.LogInformation("Key {KeyId} revoked in tenant {TenantId}", key.Id, tenantId);
        return key;
    }

    private static void Require(params Violation?[] checks) => ApiError.ThrowIfAny(checks.OfType<Violation>().ToList());
}
