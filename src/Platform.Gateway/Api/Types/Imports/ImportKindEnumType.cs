using GraphQL.Types;
using Platform.Domain.Campaigns;
using Platform.Domain.Imports;

namespace Platform.Gateway.Api.Types.Imports;

public sealed class ImportKindEnumType : EnumerationGraphType
{
    public ImportKindEnumType()
    {
        Name = "ImportKind";
        Description = "What a CSV file holds (docs/imports.md lists the columns of each).";
        Add("USERS", ImportKind.Users, "Users with attributes and tags.");
        Add("ITEMS", ImportKind.Items, "Catalog items.");
        Add("EVENTS", ImportKind.Events, "User events.");
        Add("EXPERIMENT", ImportKind.Experiment, "A past randomized experiment: one row per customer with features, an arm and outcomes.");
    }
}
