using Platform.Grains.Profiles;

namespace Platform.Grains.Tests;

public sealed class ActiveUsersTests
{
    [Fact]
    public void NamesTheTenantsActiveUsersAmongThoseAskedAboutInTheOrderAsked()
    {
        var active = new ActiveUsers();
        active.Add("t1", "ann");
        active.Add("t1", "bob");
        active.Add("t2", "cy");
        active.Add("t1", "ann"); // an activation again after a failed one

        Assert.Equal(["bob", "ann"], active.ActiveOf("t1", ["bob", "cy", "ann"]));
        Assert.Equal(["cy"], active.ActiveOf("t2", ["ann", "cy"]));
        Assert.Empty(active.ActiveOf("t3", ["ann"]));

        active.Remove("t1", "ann");
        active.Remove("t3", "nobody");
        Assert.Equal(["bob"], active.ActiveOf("t1", ["ann", "bob"]));
    }
}
