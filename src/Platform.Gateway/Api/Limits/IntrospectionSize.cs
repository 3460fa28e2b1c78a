using GraphQL.Types;
using GraphQLParser.AST;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// The number of values (every field of every object, each list item) an operation's introspection would answer,
/// found by walking the schema the way the introspection resolvers do, without running them: an upper bound (deprecated
/// fields count whether asked for or not, and a type named by a variable counts as every type). The walk stops as soon
/// as the count passes <c>limit</c>, or its own steps (selections visited, fragment spreads included) pass ten times
/// the limit, so measuring costs a bounded amount however the selection nests or spreads.
/// </summary>
public sealed class IntrospectionSize
{
    private readonly ISchema schema;
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments;
    private readonly long limit;
    private readonly long maxSteps;
    private long total;
    private long steps;

    private IntrospectionSize(ISchema schema, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, long limit)
    {
        this.schema = schema;
        this.fragments = fragments;
        this.limit = limit;
        maxSteps = limit > long.MaxValue / 10 ? long.MaxValue : limit * 10;
    }

    /// <summary>The values the operation's <c>__schema</c> and <c>__type</c> fields would answer, at most limit + 1.</summary>
    public static long Of(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, long limit)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var size = new IntrospectionSize(schema, fragments, limit);
        size.Root(operation.SelectionSet);
        return size.Over ? limit + 1 : size.total;
    }

    private bool Over => total > limit || steps > maxSteps;

    private void Root(GraphQLSelectionSet set)
    {
        foreach (var field in Fields(set))
        {
            switch (field.Name.StringValue)
            {
                case "__schema":
                    Value();
                    Schema(field.SelectionSet);
                    break;
                case "__type" when NameArgument(field) is { } name:
                    Value();
                    if (name.Length > 0 && schema.AllTypes[name] is { } type)
                    {
                        Type(type, field.SelectionSet);
                    }

                    break;
                case "__type": // a name from a variable: counted as if every type were asked for, an upper bound
                    Value();
                    Each(schema.AllTypes, field, Type);
                    break;
            }
        }
    }

    private void Schema(GraphQLSelectionSet? set)
    {
        foreach (var field in Fields(set))
        {
            Value();
            switch (field.Name.StringValue)
            {
                case "types":
                    Each(schema.AllTypes, field, Type);
                    break;
                case "queryType":
                    Type(schema.Query, field.SelectionSet);
                    break;
                case "mutationType" when schema.Mutation is { } mutation:
                    Type(mutation, field.SelectionSet);
                    break;
                case "subscriptionType" when schema.Subscription is { } subscription:
                    Type(subscription, field.SelectionSet);
                    break;
                case "directives":
                    Each(schema.Directives, field, Directive);
                    break;
            }
        }
    }

    private void Type(IGraphType type, GraphQLSelectionSet? set)
    {
        foreach (var field in Fields(set))
        {
            Value();
            switch (field.Name.StringValue, type)
            {
                case ("fields", IObjectGraphType or IInterfaceGraphType):
                    Each(((IComplexGraphType)type).Fields, field, Field);
                    break;
                case ("inputFields", IInputObjectGraphType input):
                    Each(input.Fields, field, (inputField, inner) => InputValue(inputField.ResolvedType!, inner));
                    break;
                case ("interfaces", IImplementInterfaces implementing):
                    Each(implementing.ResolvedInterfaces, field, Type);
                    break;
                case ("possibleTypes", IAbstractGraphType @abstract):
                    Each(@abstract.PossibleTypes, field, Type);
                    break;
                case ("enumValues", EnumerationGraphType @enum):
                    Each(@enum.Values, field, (_, inner) => Scalars(inner));
                    break;
                case ("ofType", NonNullGraphType or ListGraphType):
                    Type(((IProvideResolvedType)type).ResolvedType!, field.SelectionSet);
                    break;
            }
        }
    }

    private void Field(FieldType field, GraphQLSelectionSet? set)
    {
        foreach (var selected in Fields(set))
        {
            Value();
            switch (selected.Name.StringValue)
            {
                case "args":
                    Each(field.Arguments ?? [], selected, InputValue);
                    break;
                case "type":
                    Type(field.ResolvedType!, selected.SelectionSet);
                    break;
            }
        }
    }

    private void Directive(Directive directive, GraphQLSelectionSet? set)
    {
        foreach (var selected in Fields(set))
        {
            Value();
            switch (selected.Name.StringValue)
            {
                case "args":
                    Each(directive.Arguments ?? [], selected, InputValue);
                    break;
                case "locations":
                    Each(directive.Locations, selected, (_, _) => { });
                    break;
            }
        }
    }

    private void InputValue(QueryArgument argument, GraphQLSelectionSet? set) => InputValue(argument.ResolvedType!, set);

    private void InputValue(IGraphType type, GraphQLSelectionSet? set)
    {
        foreach (var selected in Fields(set))
        {
            Value();
            if (selected.Name.StringValue == "type")
            {
                Type(type, selected.SelectionSet);
            }
        }
    }

    private void Scalars(GraphQLSelectionSet? set)
    {
        foreach (var _ in Fields(set))
        {
            Value();
        }
    }

    /// <summary>One value per item of a list field, then what each item selects; stops once over the limit.</summary>
    private void Each<T>(IEnumerable<T> items, GraphQLField field, Action<T, GraphQLSelectionSet?> walk)
    {
        foreach (var item in items)
        {
            if (Over)
            {
                return;
            }

            Value();
            walk(item, field.SelectionSet);
        }
    }

    private void Value() => total++;

    /// <summary>The fields of a selection set with fragments and inline fragments flattened (cycles stop; validation reports them).</summary>
    private IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? set, HashSet<string>? visiting = null)
    {
        if (set is null || Over)
        {
            yield break;
        }

        foreach (var selection in set.Selections)
        {
            steps++;
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var inner in Fields(inline.SelectionSet, visiting))
                    {
                        yield return inner;
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    visiting ??= new HashSet<string>(StringComparer.Ordinal);
                    if (fragments.TryGetValue(name, out var fragment) && visiting.Add(name))
                    {
                        foreach (var inner in Fields(fragment.SelectionSet, visiting))
                        {
                            yield return inner;
                        }

                        visiting.Remove(name);
                    }

                    break;
            }

            if (Over)
            {
                yield break;
            }
        }
    }

    private static string? NameArgument(GraphQLField field) =>
        field.Arguments?.FirstOrDefault(a => a.Name.StringValue == "name")?.Value is GraphQLStringValue name ? name.Value.ToString() : null;
}
