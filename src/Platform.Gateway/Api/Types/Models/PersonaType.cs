using GraphQL.Types;
using Platform.Domain.Modeling.UserScores;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Types.Models;

public sealed class PersonaType : ObjectGraphType<Persona>
{
    public PersonaType()
    {
        Name = "Persona";
        Description = "A group of users close together in the USERS network's representation, described by what sets it apart (docs/models.md#personas).";
        Field(p => p.Index).Description("Its number within the version (0-based).");
        Field(p => p.Share).Description("The share of the sampled training users in it.");
        Field(p => p.Description).Description("In words: the columns where it differs most from everyone.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonaTraitType>>>>("traits")
            .Description("Those columns, most different first.")
            .Resolve(ctx => ctx.Source.Traits)
            .FieldType.ListOf(Personas.TraitsPerPersona);
    }
}

public sealed class PersonaTraitType : ObjectGraphType<PersonaTrait>
{
    public PersonaTraitType()
    {
        Name = "PersonaTrait";
        Description = "A column where a persona differs from everyone.";
        Field(t => t.Column).Description("The encoded column: a feature, `name=value` of a category, or `name missing`.");
        Field(t => t.Numeric).Description("True for a standardized number; false for a share (a flag, a category value, a missing value).");
        Field(t => t.PersonaMean).Description("The persona's mean of the column.");
        Field(t => t.OverallMean).Description("Everyone's mean of the column.");
        Field(t => t.StandardizedDifference).Description("(persona mean − everyone's mean) ÷ the column's standard deviation.");
    }
}

public sealed class PersonaChoiceType : ObjectGraphType<PersonaChoice>
{
    public PersonaChoiceType()
    {
        Name = "PersonaChoice";
        Description = "How well separated the personas were with k of them.";
        Field(c => c.K).Description("The number of personas.");
        Field(c => c.Silhouette).Description("Mean silhouette, from −1 to 1; higher is better separated.");
    }
}
