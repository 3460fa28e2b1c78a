using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public sealed class HoldoutAssignmentTests
{
    private static readonly string[] Users = Enumerable.Range(0, 20_000).Select(i => $"u{i}").ToArray();

    [Fact]
    public void TheSameUserAlwaysLandsOnTheSameSide() =>
        Assert.All(Users.Take(500), id => Assert.Equal(
            HoldoutAssignment.Assign("t1", "c1", id, 0.3),
            HoldoutAssignment.Assign("t1", "c1", new string(id.ToCharArray()), 0.3)));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void TheControlShareMatchesTheHoldout(double share)
    {
        var control = Users.Count(id => HoldoutAssignment.Assign("t1", "c1", id, share) == CampaignArm.Control) / (double)Users.Length;
        // 4 standard errors of a proportion over 20,000 users.
        Assert.InRange(control, share - (4 * Math.Sqrt(share * (1 - share) / Users.Length)) - 1e-9, share + (4 * Math.Sqrt(share * (1 - share) / Users.Length)) + 1e-9);
    }

    [Fact]
    public void CampaignsAndTenantsDrawIndependently()
    {
        bool Control(string tenant, string campaign, string id) => HoldoutAssignment.Assign(tenant, campaign, id, 0.5) == CampaignArm.Control;
        var sameSideAcrossCampaigns = Users.Count(id => Control("t1", "c1", id) == Control("t1", "c2", id)) / (double)Users.Length;
        var sameSideAcrossTenants = Users.Count(id => Control("t1", "c1", id) == Control("t2", "c1", id)) / (double)Users.Length;
        Assert.InRange(sameSideAcrossCampaigns, 0.48, 0.52);
        Assert.InRange(sameSideAcrossTenants, 0.48, 0.52);
    }

    [Fact]
    public void RaisingTheHoldoutOnlyMovesUsersIntoControl() =>
        Assert.All(Users, id =>
        {
            if (HoldoutAssignment.Assign("t1", "c1", id, 0.1) == CampaignArm.Control)
            {
                Assert.Equal(CampaignArm.Control, HoldoutAssignment.Assign("t1", "c1", id, 0.2));
            }
        });

    [Fact]
    public void SeparatorsKeepKeyPartsApart() =>
        Assert.NotEqual(HoldoutAssignment.Position("t", "ab", "c"), HoldoutAssignment.Position("t", "a", "bc"));
}
