using GraphQL.Types;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class ArmResultType : ObjectGraphType<ArmResult>
{
    public ArmResultType()
    {
        Name = "ArmResult";
        Description = "Observed totals of one side (TREATMENT or CONTROL) of an imported campaign.";
        Field(a => a.Arm).Description("TREATMENT or CONTROL.");
        Field(a => a.Customers).Description("Customers on this side.");
        Field(a => a.Participants, nullable: true).Description("Of them, customers who took part; null when the file maps no participation column.");
        Field(a => a.Converters, nullable: true).Description("Of them, customers with at least one conversion; null when the file maps no conversion column.");
        Field(a => a.Conversions, nullable: true).Description("Conversions (orders) in the window; a yes/no conversion column counts 1 per yes; null when the file maps no conversion column.");
        Field(a => a.ConversionRate, nullable: true).Description("Conversions / customers.");
        Field(a => a.ConverterRate, nullable: true).Description("Converters / customers.");
        Field(a => a.Revenue, nullable: true).Description("Revenue in the window; null when the file maps no revenue column.");
        Field(a => a.RevenuePerCustomer, nullable: true).Description("Revenue / customers.");
    }
}
