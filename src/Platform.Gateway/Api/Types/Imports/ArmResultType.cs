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
        Field(a => a.Participants, nullable: true).Description("Of them, customers who took part; null when no row of the side has a value (no column mapped, or every cell empty).");
        Field(a => a.Converters, nullable: true).Description("Of them, customers with at least one conversion; null when no row of the side has a value (no column mapped, or every cell empty).");
        Field(a => a.Conversions, nullable: true).Description("Conversions (orders) in the window; a yes/no conversion column counts 1 per yes; null when no row of the side has a value (no column mapped, or every cell empty).");
        Field(a => a.ConversionRate, nullable: true).Description("Conversions / customers.");
        Field(a => a.ConverterRate, nullable: true).Description("Converters / customers.");
        Field(a => a.Revenue, nullable: true).Description("Revenue in the window; null when no row of the side has a value (no column mapped, or every cell empty).");
        Field(a => a.RevenuePerCustomer, nullable: true).Description("Revenue / customers.");
    }
}
