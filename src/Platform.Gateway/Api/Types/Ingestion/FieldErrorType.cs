using Platform.Domain.Errors;
using GraphQL.Types;
using Platform.Domain.Events;

namespace Platform.Gateway.Api.Types.Ingestion;

public sealed class FieldErrorType : ObjectGraphType<Violation>
{
    public FieldErrorType()
    {
        Name = "FieldError";
        Description = "A rule an input broke.";
        Field(v => v.Field).Description("The field, e.g. occurredAt or properties.note.");
        Field(v => v.Rule).Description("Stable rule code, e.g. required, format, out_of_range, in_future, before_horizon, required_for_type.");
        Field(v => v.Message).Description("The rule in words.");
    }
}
