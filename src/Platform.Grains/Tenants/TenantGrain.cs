using Orleans.Runtime;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;
using Platform.Domain.Users;

namespace Platform.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState("tenant", GrainStorage.Name)] IPersistentState<TenantState> state,
    TimeProvider clock) : Grain, ITenantGrain
{
    public async Task<TenantInfo?> CreateAsync(string name, TenantSettings settings)
    {
        if (state.RecordExists)
        {
            return null;
        }

        state.State = new TenantState
        {
            Name = name,
            CreatedAt = clock.GetUtcNow(),
            RequestsPerSecond = settings.RequestsPerSecond,
            EventHorizonDays = settings.EventHorizonDays,
            AffinityHalfLifeDays = settings.AffinityHalfLifeDays,
            MarginRate = settings.MarginRate,
            PrePeriodDays = settings.PrePeriodDays,
        };
        await state.WriteStateAsync();
        return ToInfo();
    }

    public Task<TenantInfo?> GetAsync() => Task.FromResult(state.RecordExists ? ToInfo() : null);

    public async Task<TenantInfo?> SetAttributeSchemaAsync(IReadOnlyList<AttributeDefinition> schema)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var previous = state.State.AttributeSchema;
        state.State.AttributeSchema = [.. schema];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.AttributeSchema = previous;
            throw;
        }

        return ToInfo();
    }

    public async Task<TenantInfo?> UpdateSettingsAsync(TenantSettingsChange change)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var previous = state.State.Settings;
        state.State.RequestsPerSecond = change.RequestsPerSecond ?? previous.RequestsPerSecond;
        state.State.EventHorizonDays = change.EventHorizonDays ?? previous.EventHorizonDays;
        state.State.AffinityHalfLifeDays = change.AffinityHalfLifeDays ?? previous.AffinityHalfLifeDays;
        state.State.MarginRate = change.MarginRate ?? previous.MarginRate;
        state.State.PrePeriodDays = change.PrePeriodDays ?? previous.PrePeriodDays;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Never serve a setting that was not stored.
            (state.State.RequestsPerSecond, state.State.EventHorizonDays, state.State.AffinityHalfLifeDays, state.State.MarginRate, state.State.PrePeriodDays) =
                (previous.RequestsPerSecond, previous.EventHorizonDays, previous.AffinityHalfLifeDays, previous.MarginRate, previous.PrePeriodDays);
            throw;
        }

        return ToInfo();
    }

    private TenantInfo ToInfo() => new(
        GrainKeys.TenantIdOf(this.GetPrimaryKeyString()),
        state.State.Name!,
        state.State.CreatedAt,
        state.State.Settings,
        state.State.AttributeSchema);
}
