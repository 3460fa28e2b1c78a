using System.Collections;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Platform.Domain.Audiences;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// What a selection costs (docs/api.md#limits): scalars and enums are free, an object costs 1, a field that does
/// real work (a database aggregate, a grain call) declares its cost, and a list costs 1 per item and multiplies
/// what is selected inside it by the number of items it can hold — the page size asked for, the length of the input it
/// answers, or a declared bound. Every list field declares which; a schema test checks that none is left out.
/// </summary>
public static class FieldCosts
{
    public const string ListSizeKey = "platform:listSize";

    /// <summary>A call to a grain (a live profile).</summary>
    public const double GrainCall = 2;

    /// <summary>A live profile read and a model run over the tenant's running campaigns for one user.</summary>
    public const double ModelScoring = 10;

    /// <summary>An aggregate over one campaign's outcome rows.</summary>
    public const double CampaignAggregate = 5;

    /// <summary>An aggregate over a whole audience (up to every user of the tenant).</summary>
    public const double Aggregate = 50;

    /// <summary>A field that does more work than reading a property: it costs <paramref name="cost"/> per parent item.</summary>
    public static FieldType Costs(this FieldType field, double cost) => field.WithComplexityImpact(cost);

    /// <summary>A list with at most (or typically) <paramref name="items"/> items, each costing 1 plus what it selects.</summary>
    public static FieldType ListOf(this FieldType field, int items) =>
        Declare(field, _ => new FieldComplexityResult(items, items));

    /// <summary>
    /// A list of at most <paramref name="items"/> items computed in memory from what its parent already read: 1 per item,
    /// and what an item selects is free (it holds no further reads).
    /// </summary>
    public static FieldType ListOfComputed(this FieldType field, int items) =>
        Declare(field, _ => new FieldComplexityResult(items, 0));

    /// <summary>A paged field (<c>first</c>, <c>after</c>): what its page selects counts <c>first</c> times (or the default page size).</summary>
    public static FieldType Paged(this FieldType field, int defaultFirst, double cost = 1) =>
        Declare(field, context => new FieldComplexityResult(cost, Argument(context, "first") is int first ? first : defaultFirst));

    /// <summary>
    /// A page of an audience: 1, or <see cref="Aggregate"/> for an uplift audience (every user of its <c>among</c> is scored
    /// for each page); what the page selects counts <c>first</c> times.
    /// </summary>
    public static FieldType PagedOverAudience(this FieldType field, int defaultFirst) =>
        Declare(field, context => new FieldComplexityResult(
            Argument(context, "audience") is Audience { Uplift: not null } ? Aggregate : 1, Argument(context, "first") is int first ? first : defaultFirst));

    /// <summary>A page's <c>nodes</c>: 1 per item; the page field set the multiplier to the page size.</summary>
    public static FieldBuilder<TSource, TReturn> CountedByPage<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        Declare(field.FieldType, _ => new FieldComplexityResult(1, 1));
        return field;
    }

    /// <summary>
    /// A payload's per-entry results, one per entry of the mutation's list argument: they were computed anyway
    /// (the mutation's batch limit bounds that work), so reading them is free.
    /// </summary>
    public static FieldType ResultsOfBatch(this FieldType field) => Declare(field, _ => new FieldComplexityResult(0, 0));

    /// <summary>A list whose length is that of the given list argument of the same field.</summary>
    public static FieldType SizedBy(this FieldType field, string argument) =>
        Declare(field, context =>
        {
            var items = Argument(context, argument) is ICollection list ? list.Count : 1;
            return new FieldComplexityResult(items, items);
        });

    /// <summary>An hourly series between two time arguments: one item per hour asked for (the default span when they are left out).</summary>
    public static FieldType SizedByHours(this FieldType field, string from, string to, int defaultDays, int maxDays) =>
        Declare(field, context =>
        {
            var start = Argument(context, from) as DateTimeOffset?;
            var end = Argument(context, to) as DateTimeOffset?;
            var hours = start is { } s && end is { } e ? (e - s).TotalHours : start is null && end is null ? defaultDays * 24 : maxDays * 24;
            var items = Math.Clamp(Math.Ceiling(hours), 1, maxDays * 24);
            return new FieldComplexityResult(items, items);
        });

    // FieldImpactContext.GetArgument throws when the argument is absent but others are given.
    private static object? Argument(FieldImpactContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value.Value : null;

    public static bool IsDeclared(FieldType field) => field.GetMetadata<bool>(ListSizeKey);

    private static FieldType Declare(FieldType field, Func<FieldImpactContext, FieldComplexityResult> impact)
    {
        field.WithMetadata(ListSizeKey, true);
        return field.WithComplexityImpact(impact);
    }

    /// <summary>The impact of a field that declares nothing: scalars free, objects 1, introspection free.</summary>
    public static FieldComplexityResult Default(FieldImpactContext context)
    {
        if (IsIntrospection(context))
        {
            return new FieldComplexityResult(0, 1);
        }

        var type = Unwrap(context.FieldDefinition.ResolvedType);
        if (type is ListGraphType list)
        {
            return Unwrap(list.ResolvedType) is ScalarGraphType or EnumerationGraphType
                ? new FieldComplexityResult(0, 1)
                : new FieldComplexityResult(1, context.Configuration.DefaultListImpactMultiplier);
        }

        return type is ScalarGraphType or EnumerationGraphType ? new FieldComplexityResult(0, 1) : new FieldComplexityResult(1, 1);
    }

    /// <summary>Whether the field is a list of objects, the lists that must declare their size.</summary>
    public static bool IsObjectList(FieldType field) =>
        Unwrap(field.ResolvedType) is ListGraphType list && Unwrap(list.ResolvedType) is not (ScalarGraphType or EnumerationGraphType);

    private static IGraphType? Unwrap(IGraphType? type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType : type;

    private static bool IsIntrospection(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
        || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal);
}
