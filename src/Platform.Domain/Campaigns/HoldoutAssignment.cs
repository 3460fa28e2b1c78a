using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Domain.Campaigns;

/// <summary>Which side of a campaign's experiment a user is on.</summary>
public enum CampaignArm
{
    Treatment,
    Control,
}

/// <summary>
/// Deterministic holdout: SHA-256 of (tenant, campaign, user) read as a number in [0, 1); below the holdout
/// share means control. The same on every node, in every process and after restarts, independent across
/// campaigns, and needs no stored assignment. Raising the share only moves users from treatment to control.
/// </summary>
public static class HoldoutAssignment
{
    public static CampaignArm Assign(string tenantId, string campaignId, string userId, double holdoutShare) =>
        Position(tenantId, campaignId, userId) < holdoutShare ? CampaignArm.Control : CampaignArm.Treatment;

    /// <summary>The user's place in [0, 1) for this campaign.</summary>
    public static double Position(string tenantId, string campaignId, string userId)
    {
        // Unit separators keep ("a", "bc") and ("ab", "c") apart.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\u001f{campaignId}\u001f{userId}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
