using GraphQL.Types;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Arguments;

public sealed class ExperimentInputType : InputObjectGraphType<ExperimentMapping>
{
    public ExperimentInputType()
    {
        Name = "ExperimentInput";
        Description = "How the columns of a past-experiment file map to customers, arms and outcomes.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The experiment's name; campaign ids are derived from it.");
        Field<StringGraphType>("userIdColumn").Description("The customer id column; left out, the customer on line n of the file (the header is line 1) gets the id '<experiment>-n' (docs/imports.md#past-experiments).");
        Field<NonNullGraphType<StringGraphType>>("assignmentColumn").Description("The column saying which arm a customer was in.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("controlValues").Description("Assignment values of the control group, e.g. [\"0\"].");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ArmInputType>>>>("arms").Description("The treatment arms.");
        Field<StringGraphType>("conversionColumn").Description("Conversions (orders) in the window per customer: a count, or a 1/0 flag.");
        Field<StringGraphType>("revenueColumn").Description("Revenue within the window.");
        Field<DecimalGraphType>("conversionValue").Description("For a file without revenueColumn: the value of one conversion (above 0, at most 1,000,000); each customer's revenue is their conversions × this value, so the models learn order values (docs/imports.md#past-experiments).");
        Field<StringGraphType>("participationColumn").Description("1/0 column: took part (claimed, clicked).");
        Field<IntGraphType>("windowDays").Description("The outcome window, 1 to 365 days (default 30).");
        Field<DateTimeOffsetGraphType>("assignedAt").Description("When customers were assigned (default: the import time).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("featureColumns").Description("Columns that are customer features (default: every other column).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("covariateColumns").Description("Numeric columns measured before assignment (e.g. past purchases, last spend) that the lifts are adjusted by (at most 8; docs/measurement.md). A row with text in one is refused; an empty cell takes the column's mean.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ExperimentMapping(
        (string)value.Get("name")!,
        value.Get("userIdColumn") as string,
        (string)value.Get("assignmentColumn")!,
        value.GetList<string>("controlValues")!,
        value.GetList<ArmDesign>("arms")!,
        value.Get("conversionColumn") as string,
        value.Get("revenueColumn") as string,
        value.Get("participationColumn") as string,
        value.Get("windowDays") as int? ?? 30,
        value.Get("assignedAt") as DateTimeOffset?,
        value.GetList<string>("featureColumns"),
        value.GetList<string>("covariateColumns"),
        value.Get("conversionValue") as decimal?);
}
