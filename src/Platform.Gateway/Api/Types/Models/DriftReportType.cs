using GraphQL.Types;
using Platform.Domain.Modeling;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class DriftReportType : ObjectGraphType<DriftReport>
{
    public DriftReportType()
    {
        Name = "DriftReport";
        Description = "A drift check (docs/models.md#drift): each input's population stability index between the version's training rows and the users active in the window. Under 0.1 is stable, 0.1 to 0.25 a moderate shift, over 0.25 a large one.";
        Field(d => d.ComputedAt).Description("When the check ran.");
        Field(d => d.WindowDays, nullable: true).Description("The window of activity of the users compared, in days; null: every user with a profile (USERS versions, trained on every user).");
        Field(d => d.Users).Description("Users compared (a fixed sample of at most 5,000).");
        Field(d => d.MaxPsi, nullable: true).Description("The largest index; null when nothing could be compared (see note).");
        Field(d => d.Note, nullable: true).Description("What could not be compared, and why: no users, no training distribution, or inputs no current user has.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureDriftType>>>>("features")
            .Description("Each input, most drifted first.")
            .Resolve(ctx => ctx.Source.Features)
            .FieldType.ListOf(FeatureStatistics.MaxNumeric + FeatureStatistics.MaxCategorical);
    }
}
