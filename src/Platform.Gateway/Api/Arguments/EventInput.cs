namespace Platform.Gateway.Api.Arguments;

/// <summary>An event as sent; every field is optional here so that each problem is reported per event.</summary>
public sealed class EventInput
{
    public string? EventId { get; set; }

    public string? UserId { get; set; }

    public string? Type { get; set; }

    public string? OccurredAt { get; set; }

    public string? ItemId { get; set; }

    public string? CategoryId { get; set; }

    public int? Quantity { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public string? CampaignId { get; set; }

    public decimal? Rating { get; set; }

    public string? Query { get; set; }

    public double? DurationSeconds { get; set; }

    public List<PropertyInput>? Properties { get; set; }
}
