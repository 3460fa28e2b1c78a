using System.Text;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Imports;

/// <summary>Users, items and events from CSV: per-row rejections with lines, policies, duplicates, and failures of whole files.</summary>
public sealed class CsvImportTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    [Fact]
    public async Task RowsAreRejectedByLineAndPoliciesApplyAndDuplicatesAreSkipped()
    {
        var (_, admin) = await platform.CreateTenantAsync("csv");
        var csv = "id,age,region,tags\r\n" +
                  "u1,34,north,vip;early\r\n" +
                  "u2,abc,south,\r\n" +       // line 3: age is not a whole number
                  "u1,34,north,vip;early\r\n" + // an exact duplicate row
                  "u3,,,\r\n" +               // region takes its default, age the mean
                  "u4,51,,\r\n" +
                  ",40,east,\r\n";            // line 7: no id
        var options = new { columns = new object[] { new { column = "region", missing = "DEFAULT", @default = "unknown" }, new { column = "age", missing = "IMPUTE" } } };

        var job = await ImportCalls.ImportAsync(platform.Http, admin, "USERS", "users.csv", Encoding.UTF8.GetBytes(csv), options);

        Assert.Equal("SUCCEEDED", job.GetProperty("status").GetString());
        Assert.Equal((6L, 3L, 1L, 2L), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsDuplicate").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejections = job.GetProperty("rejections").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()}:{r.GetProperty("field").GetString()}:{r.GetProperty("rule").GetString()}").ToList();
        Assert.Equal(["3:age:not_integer", "7:id:required"], rejections);
        var imputed = (await platform.Http.PostAsync(admin, "{ user(id: \"u3\") { attributes { age region } } }")).Data.GetProperty("user").GetProperty("attributes");
        Assert.Equal("unknown", imputed.GetProperty("region").GetString());
        Assert.Equal(40, imputed.GetProperty("age").GetInt32()); // the mean of the numbers 34, 34, 51, 40, rounded: every age is whole
    }

    [Fact]
    public async Task AnEventsFileImportedTwiceIsStoredOnce()
    {
        var (_, merchant) = await platform.CreateTenantAsync("evt");
        var now = DateTimeOffset.UtcNow;
        var csv = new StringBuilder("user_id,type,occurred_at,item_id,amount,currency\n");
        for (var i = 0; i < 30; i++)
        {
            csv.Append($"s{i % 3},VIEW,{now.AddMinutes(-i):O},sku-{i},,\n");
        }

        csv.Append($"s0,PURCHASE,{now.AddMinutes(-1):O},sku-1,25.5,EUR\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());

        var first = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "events.csv", bytes);
        var second = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "events.csv", bytes);

        Assert.Equal(31, first.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal((0L, 31L), (second.GetProperty("rowsAccepted").GetInt64(), second.GetProperty("rowsDuplicate").GetInt64()));
        var profile = (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "s0" })).Data.GetProperty("user");
        Assert.Equal(25.5m, profile.GetProperty("revenue").GetDecimal());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("id;age\n1;2\n", "Missing required column")]
    [InlineData("id,title\n1,\"never closed\n2,b\n", "Line")]
    public async Task AFileThatCannotBeReadFailsTheJobWithAReason(string csv, string reason)
    {
        var (_, merchant) = await platform.CreateTenantAsync("bad");

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal("FAILED", job.GetProperty("status").GetString());
        Assert.Contains(reason, job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OptionsThatCannotBeFollowedAreRefusedBeforeTheUpload()
    {
        var (_, merchant) = await platform.CreateTenantAsync("opt");

        var response = await platform.Http.UploadAsync(merchant, ImportCalls.Import, new Dictionary<string, object?> { ["kind"] = "USERS", ["options"] = new { delimiter = "x" } }, "u.csv", Encoding.UTF8.GetBytes("id\n1\n"));

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal("options.delimiter", response.FirstError.GetProperty("extensions").GetProperty("field").GetString());
    }
}
