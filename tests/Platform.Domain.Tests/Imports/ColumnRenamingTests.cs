using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ColumnRenamingTests
{
    [Fact]
    public void AMappedColumnTakesItsFieldsNameAndAColumnNamedLikeThatFieldIsReadAsNothing()
    {
        var renaming = new ColumnRenaming([new("id", "customer_id")], RowMappers.UserColumns);
        string[] header = ["customer_id", "id", "Age", "club_member_status"];

        var cells = renaming.Rename(new Dictionary<string, string?> { ["customer_id"] = "c1", ["id"] = "row-7", ["Age"] = "49", ["club_member_status"] = "ACTIVE" });

        Assert.Equal(new Dictionary<string, string?> { ["id"] = "c1", ["age"] = "49", ["club_member_status"] = "ACTIVE" }, cells);
        Assert.Equal(["id", "age", "club_member_status"], renaming.Fields(header));
        Assert.Equal(["id"], renaming.Shadowed(header));
    }

    [Fact]
    public void AnAliasOfAMappedFieldIsShadowedToo()
    {
        var mapped = new ColumnMapping([new("id", "customer_id")]).ForUsers();
        var unmapped = new ColumnMapping().ForUsers();

        Assert.Equal(["user_id"], mapped.Shadowed(["customer_id", "user_id"])); // userId is another name of id
        Assert.Equal(["id", "age"], unmapped.Fields(["user_id", "Age"]));
    }
}
