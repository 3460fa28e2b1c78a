using System.Text;
using System.Text.Json;
using Platform.Gateway.Api.Transport;

namespace Platform.Gateway.Tests;

public class RequestJsonTests
{
    [Theory]
    [InlineData("{\"variables\":{\"events\":[{\"userId\":\"a\\ud800\"}]}}")] // deep in a list, escaped
    [InlineData("{\"query\":\"\\udc00\"}")] // a low surrogate alone
    [InlineData("{\"query\":\"x\\ud800\\u0041\"}")] // a high one followed by something else
    [InlineData("{\"query\":\"{ a }\",\"variables\":{\"a\\ud800\":1}}")] // in a key
    public void AStringEscapingALoneSurrogateIsRefused(string json) =>
        Assert.Throws<JsonException>(() => RequestJson.Parse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"query\":\"\\ud83d\\ude00 \\\" \\\\ \\n\"}")] // an escaped pair and other escapes
    [InlineData("{\"query\":\"caf\u00e9 \ud83d\ude00\"}")] // unescaped text, emoji included
    public void TextIsAccepted(string json)
    {
        using var document = RequestJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(JsonDocument.Parse(json).RootElement.GetProperty("query").GetString(), document.RootElement.GetProperty("query").GetString());
    }
}
