using System.Text.RegularExpressions;

namespace Platform.Domain.Tests;

// Cases are written with \u escapes and unescaped in the test: xUnit carries theory data as UTF-8, which cannot hold half a
// surrogate pair (it would arrive as U+FFFD).
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("user-1")]
    [InlineData("ünïcödé-\\ud83d\\ude00")] // a whole surrogate pair is text
    [InlineData("a\\ud83d\\ude00b\\ud83d\\ude00")]
    public void AnIdOfTextIsAccepted(string id) => Assert.Null(Identifiers.Check("userId", Regex.Unescape(id)));

    [Theory]
    [InlineData("a\\ud800")] // half a pair at the end
    [InlineData("\\udc00b")] // the low half alone
    [InlineData("\\ud83d\\ude00\\ud83d")] // a pair, then a high half
    [InlineData("a\\u0000b")]
    [InlineData("a\\u202Eb")]
    [InlineData(" a")]
    public void AnIdWithAControlOrBidiCharacterHalfAPairOrSurroundingSpaceBreaksTheFormatRule(string id) =>
        Assert.Equal(("userId", "format"), Identifiers.Check("userId", Regex.Unescape(id)) is { } v ? (v.Field, v.Rule) : default);

    [Theory]
    [InlineData("", false)]
    [InlineData("\\ud83d\\ude00", false)]
    [InlineData("\\ud800", true)]
    [InlineData("x\\udc00\\ud83d\\ude00", true)]
    [InlineData("\\ud83d\\ude00\\ud83d", true)]
    public void HalfASurrogatePairAloneIsNotText(string text, bool unpaired) => Assert.Equal(unpaired, FreeText.HasUnpairedSurrogate(Regex.Unescape(text)));
}
