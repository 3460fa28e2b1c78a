using Orleans.Concurrency;
using Platform.Domain.Events;
using Platform.Domain.Profiles;

namespace Platform.Abstractions.Profiles;

/// <summary>
/// One user's live profile. Keyed by <see cref="GrainKeys.User"/>. Its state is a snapshot plus the
/// log offset it has applied; on activation it replays the log after that offset.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>New events of this user, in log order (the tenant feed guarantees it).</summary>
    Task ApplyAsync(Immutable<IReadOnlyList<LoggedEvent>> events);

    /// <summary>
    /// The profile as of now, or null when the user has no events. Each call reads a new view that shares nothing with the
    /// grain's state (later events do not change it), so it travels as
    /// <see cref="Immutable{T}"/>: a caller on the same silo gets it without a copy (a domain record's copy is a JSON round trip).
    /// </summary>
    Task<Immutable<ProfileView?>> GetAsync();

    /// <summary>
    /// Erasure: drops the profile and its stored snapshot. Events up to <paramref name="throughSeq"/> are never
    /// applied again (the caller deletes them from the log); later ones start a new profile.
    /// </summary>
    Task ForgetAsync(long throughSeq);
}
