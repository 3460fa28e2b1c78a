using GraphQL.Types;
using Platform.Domain.Modeling.UserScores;

namespace Platform.Gateway.Api.Types.Profiles;

public sealed class UserScoreType : ObjectGraphType<UserScore>
{
    public UserScoreType()
    {
        Name = "UserScores";
        Description = "What the ACTIVE USERS version predicts for the user's next 30 days, as of scoredAt (docs/models.md#scores-on-users).";
        Field(s => s.Propensity).Description("Calibrated chance of at least one purchase in the next 30 days.");
        Field(s => s.ExpectedSpend).Description("Expected purchase amount in the next 30 days, in the tenant's currency.");
        Field(s => s.ChurnRisk).Description("Calibrated chance of no event at all in the next 30 days.");
        Field(s => s.Persona, nullable: true).Description("The persona index (ModelVersion.userScores.personas); null when the version found none.");
        Field(s => s.PersonaDescription, nullable: true).Description("That persona in words.");
        Field(s => s.VersionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The version that scored the user.");
        Field(s => s.ScoredAt).Description("When the scores were computed: the read itself, from the live profile, or the last scoring run's time where this node cannot serve the version.");
    }
}
