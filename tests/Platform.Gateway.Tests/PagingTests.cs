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
    [InlineData("users\n\0")] // a NUL, which no key has: the database refuses it, so it must not get that far
    [InlineData("users\nab\u0007")]
    public void ACursorMadeByHandWithAControlCharacterIsABadCursor(string text)
    {
        var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(("after", "format"), Assert.Throws<ApiError>(() => Paging.Key(cursor, "users")) is var e ? (e.Extensions!["field"], e.Extensions["rule"]) : default);
    }

    [Fact]
    public void ACursorWhoseBytesAreNotUtf8IsABadCursor()
    {
        var cursor = System.Buffers.Text.Base64Url.EncodeToString([.. "users\n"u8, 0xff, 0xfe]);

        Assert.Equal(("after", "format"), Assert.Throws<ApiError>(() => Paging.Key(cursor, "users")) is var e ? (e.Extensions!["field"], e.Extensions["rule"]) : default);
        Assert.Equal("user-1", Paging.Key(Paging.Cursor("users", "user-1"), "users"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void APageSizeOutsideItsRangeNamesFirst(int first) =>
        Assert.Equal("first", Assert.Throws<ApiError>(() => Paging.Size(first, 50, 200)).Extensions!["field"]);
}
