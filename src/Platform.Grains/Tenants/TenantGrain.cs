using Orleans.Runtime;
using Platform.Abstractions;
using Platform.Abstractions.Tenants;

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
        };
        await state.WriteStateAsync();
        return ToInfo();
    }

    public Task<TenantInfo?> GetAsync() => Task.FromResult(state.RecordExists ? ToInfo() : null);

    public async Task<TenantInfo?> UpdateSettingsAsync(TenantSettings settings)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var previous = state.State.RequestsPerSecond;
        state.State.RequestsPerSecond = settings.RequestsPerSecond;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.RequestsPerSecond = previous; // never serve a setting that was not stored
            throw;
        }

        return ToInfo();
    }

    private TenantInfo ToInfo() => new(
        GrainKeys.TenantIdOf(this.GetPrimaryKeyString()),
        state.State.Name!,
        state.State.CreatedAt,
        new TenantSettings(state.State.RequestsPerSecond));
}
