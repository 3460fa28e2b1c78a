namespace Platform.Gateway.Api.Arguments;

public sealed class UserInput
{
    public string? Id { get; set; }

    public int? Age { get; set; }

    public string? Gender { get; set; }

    public string? Region { get; set; }

    public string? Occupation { get; set; }

    public string? SignupDate { get; set; }

    public List<AttributeValueInput>? Attributes { get; set; }

    public List<string>? Tags { get; set; }
}
