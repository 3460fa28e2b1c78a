using Platform.Grains.Profiles;

namespace Platform.Grains.Tests;

public sealed class ActiveUsersTests
{
    [Fact]
    public void NamesTheTenantsActiveUsersAmongThoseAskedAboutInTheOrderAsked()
    {
        var active = new ActiveUsers();
        var (ann, bob, cy) = (new object(), new object(), new object());
        active.Add("t1", "ann", ann);
        active.Add("t1", "bob", bob);
        active.Add("t2", "cy", cy);

        Assert.Equal(["bob", "ann"], active.ActiveOf("t1", ["bob", "cy", "ann"]));
        Assert.Equal(["cy"], active.ActiveOf("t2", ["ann", "cy"]));
        Assert.Empty(active.ActiveOf("t3", ["ann"]));

        active.Remove("t1", "ann", ann);
        active.Remove("t3", "nobody", ann);
        Assert.Equal(["bob"], active.ActiveOf("t1", ["ann", "bob"]));
    }

    [Fact]
    public void AnActivationLeavingLateDoesNotRemoveTheNextOnesEntry()
    {
        var active = new ActiveUsers();
        var (old, next) = (new object(), new object());
        active.Add("t1", "ann", old);
        active.Add("t1", "ann", next); // activated again before the old activation's deactivation ended

        active.Remove("t1", "ann", old);

        Assert.Equal(["ann"], active.ActiveOf("t1", ["ann"]));
        active.Remove("t1", "ann", next);
        Assert.Empty(active.ActiveOf("t1", ["ann"]));
    }
}
