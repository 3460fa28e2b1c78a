using GraphQL.Types;
using Platform.Domain.Modeling;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelFeatureType : ObjectGraphType<ModelFeature>
{
    public ModelFeatureType()
    {
        Name = "ModelFeature";
        Description = "A user feature a version reads: a number (standardized with the mean and deviation of its training users, log-scaled when skewed), a flag (the user has a tag) or a category (one-hot over its values, plus an unknown slot).";
        Field(f => f.Name).Description("The feature's key: an attribute or feature column name, a profile figure, or tag:<tag>.");
        Field(f => f.Kind).Description("NUMERIC, FLAG or CATEGORICAL.");
        Field(f => f.Mean, nullable: true).Description("Training mean (after log-scaling when logScaled); null for categories.");
        Field(f => f.Deviation, nullable: true).Description("Training standard deviation; null for categories.");
        Field(f => f.LogScaled).Description("Whether values are log-scaled before standardizing.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("values")
            .Description("A category's known values (others share the unknown slot); for a number with few distinct values (a code), those that also have a slot of their own; empty for other numbers and flags.")
            .Resolve(ctx => ctx.Source.Values)
            .FieldType.ListOf(FeatureStatistics.MaxValuesPerCategory);
    }
}
