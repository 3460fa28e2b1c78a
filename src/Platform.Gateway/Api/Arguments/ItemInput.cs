namespace Platform.Gateway.Api.Arguments;

public sealed class ItemInput
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public List<string>? CategoryPath { get; set; }

    public string? Brand { get; set; }

    public decimal? Price { get; set; }

    public string? Currency { get; set; }

    public List<string>? Tags { get; set; }
}
