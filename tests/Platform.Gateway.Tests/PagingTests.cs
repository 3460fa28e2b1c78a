using Platform.Gateway.Api.Execution;

namespace Platform.Gateway.Tests;

public sealed class PagingTests
{
    [Fact]
    public void ACursorNamesItsListAndIsRefusedByAnother()
    {
        var cursor = Paging.TimeCursor("apiKeys", DateTimeOffset.UnixEpoch, "ab12");

        Assert.Equal((DateTimeOffset.UnixEpoch, "ab12"), Paging.ParseTimeCursor(cursor, "apiKeys"));
        var refused = Assert.Throws<ApiError>(() => Paging.ParseTimeCursor(cursor, "deliveries"));
        Assert.Equal(("INVALID_ARGUMENT", "after", "format"), (refused.Code, refused.Extensions!["field"], refused.Extensions["rule"]));
        Assert.Throws<ApiError>(() => Paging.Key("not base64 ~~", "users"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void APageSizeOutsideItsRangeNamesFirst(int first) =>
        Assert.Equal("first", Assert.Throws<ApiError>(() => Paging.Size(first, 50, 200)).Extensions!["field"]);
}
