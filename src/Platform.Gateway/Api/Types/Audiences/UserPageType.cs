using Platform.Storage.Audiences;

namespace Platform.Gateway.Api.Types.Audiences;

public sealed class UserPageType() : PageGraphType<UserSummaryType, UserSummary>("UserPage", "One page of an audience, in user id order.", "The users of this page.");
