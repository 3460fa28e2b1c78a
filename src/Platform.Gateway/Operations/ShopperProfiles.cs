using Platform.Abstractions;
using Platform.Abstractions.Profiles;
using Platform.Domain.Audiences;
using Platform.Domain.Profiles;
using Platform.Gateway.GraphQL.Types.Profiles;
using Platform.Storage.Shoppers;

namespace Platform.Gateway.Operations;

/// <summary>Reads a shopper: the live profile from its grain, the attributes from PostgreSQL, its named segments now.</summary>
public sealed class ShopperProfiles(IGrainFactory grains, ShopperStore shoppers, Audiences audiences, TimeProvider clock)
{
    public async Task<ShopperProfileResult?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var view = grains.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).GetAsync();
        var attributes = shoppers.FindAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(view, attributes);
        if (view.Result is null && attributes.Result is null)
        {
            return null;
        }

        var snapshot = new ShopperSnapshot(view.Result ?? ProfileReader.Read(new ShopperProfile(), clock.GetUtcNow(), ProfileSettings.Default), attributes.Result);
        var segments = await audiences.MembershipsAsync(tenantId, snapshot);
        return new ShopperProfileResult(userId, snapshot.View, snapshot.Attributes, segments);
    }
}
