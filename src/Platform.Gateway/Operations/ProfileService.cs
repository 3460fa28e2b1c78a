using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Audiences;
using Platform.Domain.Profiles;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Types.Profiles;
using Platform.Storage.Models;
using Platform.Storage.Users;

namespace Platform.Gateway.Operations;

/// <summary>Reads a user: the live profile from its grain, the attributes and model scores from PostgreSQL, its named segments now.</summary>
public sealed class ProfileService(IGrainFactory grains, UserStore users, UserScoreStore scores, AudienceService audiences, TimeProvider clock)
{
    public async Task<UserProfileResult?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        ApiError.RequireId("id", userId);
        var view = grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).GetAsync();
        var attributes = users.FindAsync(tenantId, userId, cancellationToken);
        var score = scores.FindAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(view, attributes, score);
        if (view.Result is null && attributes.Result is null)
        {
            return null;
        }

        var snapshot = new UserSnapshot(view.Result ?? ProfileReader.Read(new UserProfile(), clock.GetUtcNow(), ProfileSettings.Default), attributes.Result, score.Result);
        var segments = await audiences.MembershipsAsync(tenantId, snapshot);
        return new UserProfileResult(userId, snapshot.View, snapshot.Attributes, segments, snapshot.Score);
    }
}
