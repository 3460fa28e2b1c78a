using Platform.Domain;
using Platform.Domain.Auth;
using Platform.Domain.Jobs;

namespace Platform.Domain.Tests;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(Role.Admin, "ADMIN")]
    [InlineData(Role.Merchant, "MERCHANT")]
    [InlineData(Role.Partner, "PARTNER")]
    public void RolesRoundTrip(Role role, string wire)
    {
        Assert.Equal(wire, RoleNames.ToWire(role));
        Assert.Equal(role, RoleNames.FromWire(wire));
    }

    [Fact]
    public void AnUnknownRoleIsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => RoleNames.FromWire("OWNER"));

    [Theory]
    [InlineData(RunStatus.Queued, "QUEUED", false)]
    [InlineData(RunStatus.Running, "RUNNING", false)]
    [InlineData(RunStatus.Succeeded, "SUCCEEDED", true)]
    [InlineData(RunStatus.Failed, "FAILED", true)]
    public void RunStatusesRoundTrip(RunStatus status, string wire, bool finished)
    {
        Assert.Equal(wire, RunStatusNames.ToWire(status));
        Assert.Equal(status, RunStatusNames.FromWire(wire));
        Assert.Equal(finished, status.IsFinished());
    }

    [Theory]
    [InlineData("LOST")]
    [InlineData("7")]
    public void AnUnknownRunStatusIsRefused(string wire) => Assert.Throws<ArgumentOutOfRangeException>(() => RunStatusNames.FromWire(wire));
}
