using GraphQL.Types;
using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api.Types.Campaigns;

public sealed class ChannelEnumType : EnumerationGraphType
{
    public ChannelEnumType()
    {
        Name = "Channel";
        Description = "Where a campaign reaches users.";
        Add("EMAIL", Channel.Email, "E-mail.");
        Add("SMS", Channel.Sms, "Text message.");
        Add("PUSH", Channel.Push, "Push notification.");
        Add("IN_APP", Channel.InApp, "Inside the app.");
        Add("BANNER", Channel.Banner, "A banner on the site.");
    }
}
