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
        Field(a => a.Participants).Description("Of them, customers who took part (when mapped).");
        Field(a => a.Converters).Description("Of them, customers with at least one conversion.");
        Field(a => a.Conversions).Description("Conversions (orders) in the window; a yes/no conversion column counts 1 per yes.");
        Field(a => a.ConversionRate, nullable: true).Description("Conversions / customers.");
        Field(a => a.ConverterRate, nullable: true).Description("Converters / customers.");
        Field(a => a.Revenue).Description("Revenue in the window.");
        Field(a => a.RevenuePerCustomer, nullable: true).Description("Revenue / customers.");
    }
}
