namespace Platform.Storage.Tests;

public sealed class JobInvisibilityTests
{
    [Theory]
    [InlineData(null, 120)]
    [InlineData("", 120)]
    [InlineData("10", 10)]
    [InlineData("3600", 3600)]
    public void ASettingGivesTheTakeOverTime(string? seconds, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), HangfireStorage.JobInvisibility(seconds));

    [Theory]
    [InlineData("9")]
    [InlineData("3601")]
    [InlineData("-20")]
    [InlineData("20.5")]
    [InlineData("two minutes")]
    public void AnythingElseStopsStartUpNamingTheKey(string seconds)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => HangfireStorage.JobInvisibility(seconds));

        Assert.Contains("Platform:Jobs:InvisibilitySeconds", refused.Message);
        Assert.Contains(seconds, refused.Message);
    }
}
