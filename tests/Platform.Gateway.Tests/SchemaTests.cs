using GraphQL;
using GraphQL.Types;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Limits;
using Platform.Testing;

namespace Platform.Gateway.Tests;

public sealed class SchemaTests : IDisposable
{
    private readonly SchemaHost host = new();

    [Fact]
    public void EveryRootFieldDeclaresWhoMayUseIt()
    {
        var roots = new IObjectGraphType?[] { host.Schema.Query, host.Schema.Mutation, host.Schema.Subscription };

        var undeclared = roots.OfType<IObjectGraphType>()
            .SelectMany(type => type.Fields.Select(field => (type.Name, field)))
            .Where(pair => !pair.field.Name.StartsWith("__", StringComparison.Ordinal) && !FieldAccess.IsDeclared(pair.field))
            .Select(pair => $"{pair.Name}.{pair.field.Name}");

        Assert.Empty(undeclared);
    }

    [Fact]
    public void EveryTypeFieldAndArgumentIsDescribed()
    {
        var missing = new List<string>();
        string[] standardScalars = ["String", "Int", "Float", "Boolean", "ID"];
        foreach (var type in host.Schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !standardScalars.Contains(t.Name)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        missing.Add($"{type.Name}.{field.Name}");
                    }

                    missing.AddRange((field.Arguments ?? []).Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})"));
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryListOfObjectsDeclaresHowManyItemsItCosts()
    {
        var undeclared = host.Schema.AllTypes.OfType<IObjectGraphType>()
            .Where(type => !type.Name.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(type => type.Fields.Where(field => FieldCosts.IsObjectList(field) && !FieldCosts.IsDeclared(field)).Select(field => $"{type.Name}.{field.Name}"));

        Assert.Empty(undeclared);
    }

    /// <summary>
    /// docs/schema.graphql is the published contract; a change to the schema must change it in the same
    /// commit. Run with UPDATE_SCHEMA_SNAPSHOT=1 to rewrite it after an intended change.
    /// </summary>
    [Fact]
    public void TheSchemaMatchesThePublishedSnapshot()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "schema.graphql");
        var printed = host.Schema.Print(new GraphQL.Utilities.PrintOptions { IncludeDescriptions = true }).ReplaceLineEndings("\n").Trim() + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA_SNAPSHOT") == "1")
        {
            File.WriteAllText(path, printed);
        }

        Assert.True(File.Exists(path), "docs/schema.graphql is missing: run the tests with UPDATE_SCHEMA_SNAPSHOT=1");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), printed);
    }

    public void Dispose() => host.Dispose();
}
