using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Tests;

/// <summary>An upload's file name is shown back, never used as a path: folders are dropped.</summary>
public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("events.csv", "events.csv")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\shop\\orders.csv", "orders.csv")]
    [InlineData("folder/", "0")]
    [InlineData("in\u0000voice\u202Etxt.exe", "invoicetxt.exe")]
    [InlineData("..", "0")]
    [InlineData(null, "0")]
    public void OnlyTheLastSegmentIsKept(string? given, string expected) =>
        Assert.Equal(expected, MultipartRequestReader.FileName(given, "0"));
}
