using GraphQL;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain;
using Platform.Domain.Auth;
using Platform.Domain.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.GraphQL.Execution;
using Platform.Gateway.GraphQL.Arguments;
using Platform.Gateway.GraphQL.Types;
using Platform.Storage.ApiKeys;

namespace Platform.Gateway.Operations;

/// <summary>Tenants, their settings and their API keys.</summary>
public sealed class TenantAdministration(
    IGrainFactory grains,
    ApiKeyStore keys,
    ApiKeyAuthenticator authenticator,
    TenantDirectory directory,
    ILogger<TenantAdministration> logger)
{
    public async Task<CreateTenantPayload> CreateTenantAsync(CreateTenantInput input, CancellationToken cancellationToken)
    {
        Require("input.id", TenantIds.Explain(input.Id));
        Require("input.name", DisplayNames.Explain(input.Name));
        var requestsPerSecond = input.RequestsPerSecond ?? TenantSettingsRules.DefaultRequestsPerSecond;
        Require("input.requestsPerSecond", TenantSettingsRules.ExplainRequestsPerSecond(requestsPerSecond));

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
            throw new ExecutionError($"A tenant with id '{input.Id}' already exists.") { Code = "ALREADY_EXISTS" };
        }

        directory.Remember(tenant);
        logger.LogInformation("Created tenant {TenantId} with admin key {KeyId}", tenant.Id, adminKey.Id);
        return new CreateTenantPayload(tenant, adminKey, secret);
    }

    public async Task<TenantInfo> SetRateLimitAsync(SetTenantRateLimitInput input)
    {
        Require("input.tenantId", TenantIds.Explain(input.TenantId));
        Require("input.requestsPerSecond", TenantSettingsRules.ExplainRequestsPerSecond(input.RequestsPerSecond));
        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(input.TenantId))
            .UpdateSettingsAsync(new TenantSettingsChange(RequestsPerSecond: input.RequestsPerSecond))
            ?? throw new NotFoundError("tenant", input.TenantId);
        directory.Remember(tenant);
        return tenant;
    }

    public async Task<TenantInfo> UpdateSettingsAsync(string tenantId, UpdateTenantSettingsInput input)
    {
        if (input.EventHorizonDays is { } horizon)
        {
            Require("input.eventHorizonDays", TenantSettingsRules.ExplainEventHorizonDays(horizon));
        }

        if (input.AffinityHalfLifeDays is { } halfLife)
        {
            Require("input.affinityHalfLifeDays", TenantSettingsRules.ExplainAffinityHalfLifeDays(halfLife));
        }

        var tenant = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId))
            .UpdateSettingsAsync(new TenantSettingsChange(EventHorizonDays: input.EventHorizonDays, AffinityHalfLifeDays: input.AffinityHalfLifeDays))
            ?? throw new NotFoundError("tenant", tenantId);
        directory.Remember(tenant);
        return tenant;
    }

    public async Task<CreateApiKeyPayload> CreateApiKeyAsync(Caller caller, CreateApiKeyInput input, CancellationToken cancellationToken)
    {
        Require("input.name", DisplayNames.Explain(input.Name));
        var secret = ApiKeySecrets.Generate();
        var key = await keys.CreateAsync(caller.TenantId!, input.Role, input.Name.Trim(), secret, caller.KeyId, cancellationToken);
        logger.LogInformation("Key {KeyId} ({Role}) created in tenant {TenantId} by {Caller}", key.Id, key.Role, key.TenantId, caller.Label);
        return new CreateApiKeyPayload(key, secret);
    }

    public async Task<ApiKeyRecord> RevokeApiKeyAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var result = Guid.TryParse(id, out var keyId) ? await keys.RevokeAsync(tenantId, keyId, cancellationToken) : null;
        if (result is { LastActiveAdmin: true })
        {
            throw new ExecutionError("This is the tenant's last active ADMIN key; create another ADMIN key before revoking it.")
            {
                Code = "LAST_ADMIN_KEY",
            };
        }

        var key = result?.Key ?? throw new NotFoundError("API key", id);
        authenticator.Forget(key.Id);
        logger.LogInformation("Key {KeyId} revoked in tenant {TenantId}", key.Id, tenantId);
        return key;
    }

    private static void Require(string field, string? brokenRule)
    {
        if (brokenRule is not null)
        {
            throw new InputError(field, brokenRule);
        }
    }
}
