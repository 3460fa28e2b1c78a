using Platform.Domain.Catalog;
using Platform.Domain.Users;

namespace Platform.Gateway.Api.Arguments;

public static class UserDrafts
{
    public static UserDraft From(UserInput input) => new(
        input.Id,
        input.Age,
        input.Gender,
        input.Region,
        input.Occupation,
        input.SignupDate,
        input.Attributes?.Select(a => new AttributeValue(a.Name, a.Number, a.Text)).ToList(),
        input.Tags);

    public static ItemDraft From(ItemInput input) =>
        new(input.Id, input.Title, input.CategoryPath, input.Brand, input.Price, input.Currency, input.Tags);
}
