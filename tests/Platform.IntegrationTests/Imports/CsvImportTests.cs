using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Abstractions.Jobs;
using Platform.Domain.Imports;
using Platform.Domain.Jobs;
using Platform.Ingestion.Imports;
using Platform.IntegrationTests.Support;
using Platform.Storage.Imports;
using Platform.Testing;

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
        var rejections = job.GetProperty("rejections").GetProperty("nodes").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()}:{r.GetProperty("field").GetString()}:{r.GetProperty("rule").GetString()}").ToList();
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
        Assert.Equal((0L, 31L, 0L), (second.GetProperty("rowsAccepted").GetInt64(), second.GetProperty("rowsUnchanged").GetInt64(), second.GetProperty("rowsDuplicate").GetInt64()));
        var profile = (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "s0" })).Data.GetProperty("user");
        Assert.Equal(25.5m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task AnOrdersLogYearsOldInItsOwnShapeIsImportedMovedToNowAndStoredOnceWhenImportedAgain()
    {
        // The shape of a public retail log: its own column names, dates without times, no type or currency column, 2018.
        var (_, merchant) = await platform.CreateTenantAsync("log");
        var csv = new StringBuilder("t_dat,customer_id,article_id,price,sales_channel_id\n");
        for (var day = 1; day <= 20; day++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"2018-09-{day:D2},c{day % 4},a{day},{day * 1.5m},2\n");
        }

        csv.Append("2018-09-31,c0,a1,1.5,2\n"); // no such day
        var options = new
        {
            events = new
            {
                fields = new[] { new { field = "occurredAt", column = "t_dat" }, new { field = "userId", column = "customer_id" }, new { field = "itemId", column = "article_id" }, new { field = "amount", column = "price" } },
                constants = new[] { new { field = "type", value = "PURCHASE" }, new { field = "currency", value = "EUR" } },
                timeFormat = "yyyy-MM-dd",
                shiftToNow = true,
            },
        };
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());

        var first = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "transactions.csv", bytes, options);
        var second = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "transactions.csv", bytes, options);

        Expect.Equal("SUCCEEDED", first.GetProperty("status").GetString(), first.ToString());
        Assert.Equal((20L, 1L), (first.GetProperty("rowsAccepted").GetInt64(), first.GetProperty("rowsRejected").GetInt64()));
        var rejection = first.GetProperty("rejections").GetProperty("nodes")[0];
        Assert.Equal((22L, "occurredAt", "format"), (rejection.GetProperty("line").GetInt64(), rejection.GetProperty("field").GetString(), rejection.GetProperty("rule").GetString()));
        Assert.Equal(["sales_channel_id"], first.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal((0L, 20L), (second.GetProperty("rowsAccepted").GetInt64(), second.GetProperty("rowsUnchanged").GetInt64()));
        var profile = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "c0" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("purchases").GetInt32() == 5,
            TimeSpan.FromSeconds(30));
        Assert.Equal(1.5m * (4 + 8 + 12 + 16 + 20), profile.GetProperty("revenue").GetDecimal()); // days 4, 8, 12, 16 and 20
        Assert.Equal(0, profile.GetProperty("rfm").GetProperty("recencyDays").GetInt32()); // its last purchase, the file's latest event, is now
    }

    [Fact]
    public async Task ARatingsLogOfHalfStarsAndUnixTimesIsImportedAsReviews()
    {
        // The shape of MovieLens' ratings.csv: whole stars written "4.0", half stars, UNIX seconds of 2000.
        var (_, merchant) = await platform.CreateTenantAsync("stars");
        var csv = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n1,6,0.5,964982224\n2,6,4.25,964982931\n";
        var options = new
        {
            events = new
            {
                fields = new[] { new { field = "itemId", column = "movieId" }, new { field = "occurredAt", column = "timestamp" } },
                constants = new[] { new { field = "type", value = "REVIEW" } },
                timeFormat = "UNIX_SECONDS",
                shiftToNow = true,
            },
        };

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "ratings.csv", Encoding.UTF8.GetBytes(csv), options);

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((3L, 1L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejection = job.GetProperty("rejections").GetProperty("nodes")[0];
        Assert.Equal((5L, "rating", "too_precise"), (rejection.GetProperty("line").GetInt64(), rejection.GetProperty("field").GetString(), rejection.GetProperty("rule").GetString()));
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, "query($id: ID!) { user(id: $id) { averageRating } }", new { id = "1" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("averageRating").ValueKind == JsonValueKind.Number
                    && Math.Abs(user.GetProperty("averageRating").GetDouble() - (4 + 3.5 + 0.5) / 3) < 1e-9,
            TimeSpan.FromSeconds(30)); // the mean of the three half-star ratings
    }

    [Fact]
    public async Task ARatingsFileWithoutAHeaderLineIsReadByTheColumnNamesGivenFromLineOne()
    {
        // The shape of the public Amazon ratings files: no header line, user, item, rating, UNIX seconds.
        var (_, merchant) = await platform.CreateTenantAsync("amazon");
        var csv = "AKM1MP6P0OYPR,0132793040,5.0,1365811200\nA2CX7LUOHB2NDG,0321732944,5.0,1341100800\nA2NWSAGRHCP8N5,0439886341,six,1367193600\n";
        var options = new
        {
            columnNames = new[] { "userId", "itemId", "rating", "occurredAt" },
            events = new { constants = new[] { new { field = "type", value = "REVIEW" } }, timeFormat = "UNIX_SECONDS", shiftToNow = true },
        };

        var unnamed = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "ratings_Electronics.csv", Encoding.UTF8.GetBytes(csv), new { options.events });
        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "ratings_Electronics.csv", Encoding.UTF8.GetBytes(csv), options);

        Assert.Equal("FAILED", unnamed.GetProperty("status").GetString());
        Assert.EndsWith("name the columns of a file without a header line in options.columnNames.", unnamed.GetProperty("error").GetString());
        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((3L, 2L, 1L), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejection = job.GetProperty("rejections").GetProperty("nodes")[0];
        Assert.Equal((3L, "rating", "not_numeric"), (rejection.GetProperty("line").GetInt64(), rejection.GetProperty("field").GetString(), rejection.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task MovieLensDatFilesSplitByDoubleColonsAndWrittenInLatin1AreImported()
    {
        // The shapes of MovieLens 1M: movies.dat in ISO-8859-1 (é as the byte E9), quotes that are text, ratings.dat of UNIX seconds; no header lines.
        var (tenant, merchant) = await platform.CreateTenantAsync("ml1m");
        byte[] movies = [.. Encoding.ASCII.GetBytes("2013::\"Great Performances\" Cats (1998)::Musical\n73::Mis"), 0xE9, .. Encoding.ASCII.GetBytes("rables, Les (1995)::Drama|Musical\n")];
        var ratings = "1::2013::5::978300760\n1::73::3::978302109\n2::73::4::978298413\n";

        var items = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "movies.dat", movies,
            new { delimiter = "::", encoding = "WINDOWS_1252", columnNames = new[] { "id", "title", "categoryPath" } });
        var events = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "ratings.dat", Encoding.ASCII.GetBytes(ratings), new
        {
            delimiter = "::",
            columnNames = new[] { "userId", "itemId", "rating", "occurredAt" },
            events = new { constants = new[] { new { field = "type", value = "REVIEW" } }, timeFormat = "UNIX_SECONDS", shiftToNow = true },
        });

        Expect.Equal("SUCCEEDED", items.GetProperty("status").GetString(), items.ToString());
        Expect.Equal("SUCCEEDED", events.GetProperty("status").GetString(), events.ToString());
        Assert.Equal((2L, 3L), (items.GetProperty("rowsAccepted").GetInt64(), events.GetProperty("rowsAccepted").GetInt64()));
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using var titles = dataSource.CreateCommand("SELECT title FROM catalog.items WHERE tenant_id = @t ORDER BY item_id");
        titles.Parameters.AddWithValue("t", tenant);
        var stored = new List<string>();
        await using (var reader = await titles.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["\"Great Performances\" Cats (1998)", "Misérables, Les (1995)"], stored);
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, "query($id: ID!) { user(id: $id) { averageRating } }", new { id = "1" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("averageRating").ValueKind == JsonValueKind.Number
                    && Math.Abs(user.GetProperty("averageRating").GetDouble() - 4) < 1e-9,
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AGzippedJsonLinesReviewDumpIsImportedAsReviews()
    {
        // The shape of Amazon's 2023 review dumps (Books.jsonl.gz): one object per line, ratings written 5.0, milliseconds.
        var (_, merchant) = await platform.CreateTenantAsync("jsonl");
        var jsonl = """
            {"rating": 5.0, "title": "Loved it", "text": "A \"page-turner\", truly.", "images": [], "asin": "B0A", "parent_asin": "B0A", "user_id": "AGK", "timestamp": 1588687728923, "helpful_vote": 2, "verified_purchase": true}
            {"rating": 2.0, "title": "Meh", "text": "", "images": [], "asin": "B0B1", "parent_asin": "B0B", "user_id": "AGK", "timestamp": 1588787728923, "helpful_vote": 0, "verified_purchase": false}
            {"rating": 7.0, "title": "Off the scale", "text": "", "images": [], "asin": "B0C", "parent_asin": "B0C", "user_id": "AHX", "timestamp": 1588887728923, "helpful_vote": 0, "verified_purchase": true}
            """;
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(jsonl));
        }

        var options = new
        {
            format = "JSON_LINES",
            events = new
            {
                fields = new[]
                {
                    new { field = "userId", column = "user_id" }, new { field = "itemId", column = "parent_asin" }, new { field = "occurredAt", column = "timestamp" },
                },
                constants = new[] { new { field = "type", value = "REVIEW" } },
                timeFormat = "UNIX_MILLISECONDS",
                shiftToNow = true,
            },
        };

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "Books.jsonl.gz", compressed.ToArray(), options);

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((3L, 2L, 1L), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejection = job.GetProperty("rejections").GetProperty("nodes")[0];
        Assert.Equal((3L, "rating", "out_of_range"), (rejection.GetProperty("line").GetInt64(), rejection.GetProperty("field").GetString(), rejection.GetProperty("rule").GetString()));
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, "query($id: ID!) { user(id: $id) { averageRating } }", new { id = "AGK" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("averageRating").ValueKind == JsonValueKind.Number
                    && Math.Abs(user.GetProperty("averageRating").GetDouble() - 3.5) < 1e-9,
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RatingsOfTenAndNoTimesAreImportedOnTheirOwnScale()
    {
        // The shape of a public anime ratings file: 1 to 10, -1 for "watched, not rated", no time column.
        var (_, merchant) = await platform.CreateTenantAsync("tens");
        var csv = "user_id,anime_id,rating\n1,20,-1\n1,24,7\n2,24,10\n";
        var options = new
        {
            events = new
            {
                fields = new[] { new { field = "userId", column = "user_id" }, new { field = "itemId", column = "anime_id" } },
                constants = new[] { new { field = "type", value = "REVIEW" }, new { field = "occurredAt", value = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") } },
                ratingScale = new { min = 1, max = 10 },
            },
        };

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "rating.csv", Encoding.UTF8.GetBytes(csv), options);

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((2L, 1L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejection = job.GetProperty("rejections").GetProperty("nodes")[0];
        Assert.Equal((2L, "rating", "out_of_range"), (rejection.GetProperty("line").GetInt64(), rejection.GetProperty("field").GetString(), rejection.GetProperty("rule").GetString()));
        await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, "query($id: ID!) { user(id: $id) { averageRating } }", new { id = "2" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("averageRating").ValueKind == JsonValueKind.Number
                    && Math.Abs(user.GetProperty("averageRating").GetDouble() - 5) < 1e-9,
            TimeSpan.FromSeconds(30)); // 10 of 10 is 5 stars
    }

    [Fact]
    public async Task AnExcelWorkbookOfOrderLinesIsImportedFromTheSheetNamed()
    {
        // The shape of the UCI Online Retail II workbook: a sheet a year, order lines with a unit price, local times in London.
        var (_, merchant) = await platform.CreateTenantAsync("xlsx");
        var lastYear = DateTime.UtcNow.AddDays(-30);
        var workbook = Workbooks.Xlsx(
            ("Year 2009-2010", [["Invoice", "Quantity", "InvoiceDate", "Price", "Customer ID"], ["489434", 12, lastYear.AddDays(-300), 6.95, 13085]]),
            ("Year 2010-2011", [
                ["Invoice", "StockCode", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"],
                ["536365", "85123A", 6, lastYear, 2.55, 17850, "United Kingdom"],
                ["536366", "22633", 2, lastYear.AddHours(1), 1.85, 17850, "United Kingdom"],
                ["536367", "84879", 3, lastYear.AddHours(2), 1.69, null, "United Kingdom"],
            ]));
        var options = new
        {
            format = "EXCEL",
            sheet = "Year 2010-2011",
            events = new
            {
                fields = new[]
                {
                    new { field = "userId", column = "Customer ID" }, new { field = "itemId", column = "StockCode" }, new { field = "occurredAt", column = "InvoiceDate" },
                    new { field = "unitPrice", column = "Price" },
                },
                constants = new[] { new { field = "type", value = "PURCHASE" }, new { field = "currency", value = "GBP" } },
                timeFormat = "yyyy-MM-dd HH:mm:ss",
                timeZone = "Europe/London",
            },
        };

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "online_retail_II.xlsx", workbook, options);

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((3L, 2L, 1L), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        Assert.Equal((4L, "userId"), (job.GetProperty("rejections").GetProperty("nodes")[0].GetProperty("line").GetInt64(), job.GetProperty("rejections").GetProperty("nodes")[0].GetProperty("field").GetString()));
        var profile = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "17850" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("purchases").GetInt32() == 2,
            TimeSpan.FromSeconds(30));
        Assert.Equal(6 * 2.55m + 2 * 1.85m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task AClickstreamFromAZipArchiveWhoseOrdersHaveNoAmountImportsThemAsOrdersOfUnknownValue()
    {
        // The shape of RetailRocket's events.csv, in the archive Kaggle serves it in: UNIX milliseconds of 2015, its own
        // type names, orders without a value.
        var (_, merchant) = await platform.CreateTenantAsync("clicks");
        var csv = "timestamp,visitorid,event,itemid,transactionid\n1442004589439,257597,view,355908,\n1442004759591,257597,addtocart,355908,\n"
                  + "1442004917175,257597,transaction,355908,4000\n";
        var options = new
        {
            events = new
            {
                fields = new[] { new { field = "userId", column = "visitorid" }, new { field = "type", column = "event" }, new { field = "occurredAt", column = "timestamp" } },
                types = new[] { new { value = "view", type = "VIEW" }, new { value = "addtocart", type = "ADD_TO_CART" }, new { value = "transaction", type = "PURCHASE" } },
                timeFormat = "UNIX_MILLISECONDS",
                shiftToNow = true,
            },
        };

        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("events.csv", csv), ("category_tree.csv", "categoryid,parentid\n1016,213\n"), ("item_properties_part1.csv", "timestamp,itemid,property,value\n") })
            {
                await using var entry = new StreamWriter(zip.CreateEntry(name).Open());
                await entry.WriteAsync(text);
            }
        }

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "archive.zip", archive.ToArray(), new { entry = "events.csv", options.events });

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((3L, 0L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var profile = await Eventually.ReadUntilAsync(
            async () => (await platform.Http.PostAsync(merchant, Events.Profile, new { id = "257597" })).Data.GetProperty("user"),
            user => user.ValueKind == JsonValueKind.Object && user.GetProperty("purchases").GetInt32() == 1,
            TimeSpan.FromSeconds(30));
        Assert.Equal(0m, profile.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task CustomersAndArticlesFilesThatNameTheirColumnsTheirOwnWayAreImportedByAMapping()
    {
        // The shapes of a public fashion retailer's customers.csv and articles.csv.
        var (_, merchant) = await platform.CreateTenantAsync("shapes");
        var customers = "customer_id,FN,Active,club_member_status,age,postal_code\nc-1,1,1,ACTIVE,49,52043\nc-2,,,ACTIVE,25,2c29ae\n";
        var articles = "article_id,prod_name,product_type_name,colour_group_name\n0108775015,Strap top,Vest top,Black\n";

        var users = await ImportCalls.ImportAsync(platform.Http, merchant, "USERS", "customers.csv", Encoding.UTF8.GetBytes(customers),
            new { users = new { fields = new[] { new { field = "id", column = "customer_id" } } } });
        var items = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "articles.csv", Encoding.UTF8.GetBytes(articles),
            new { items = new { fields = new[] { new { field = "id", column = "article_id" }, new { field = "title", column = "prod_name" }, new { field = "categoryPath", column = "product_type_name" } } } });

        Expect.Equal("SUCCEEDED", users.GetProperty("status").GetString(), users.ToString());
        Assert.Equal(2L, users.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(["FN", "Active", "club_member_status", "postal_code"], users.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        Expect.Equal("SUCCEEDED", items.GetProperty("status").GetString(), items.ToString());
        Assert.Equal(1L, items.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal(["colour_group_name"], items.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        var user = (await platform.Http.PostAsync(merchant, "{ user(id: \"c-1\") { attributes { age } } }")).Data.GetProperty("user");
        Assert.Equal(49, user.GetProperty("attributes").GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task AUsersOrItemsFileImportedAgainIsReportedUnchanged()
    {
        var (_, merchant) = await platform.CreateTenantAsync("again");
        var users = Encoding.UTF8.GetBytes("id,age,region,tags\nu1,30,north,vip\nu2,41,south,\n");
        var items = Encoding.UTF8.GetBytes("id,title,categoryPath,price,currency\ni1,Boot,shoes>boots,80,EUR\n");

        var first = await ImportCalls.ImportAsync(platform.Http, merchant, "USERS", "users.csv", users);
        var again = await ImportCalls.ImportAsync(platform.Http, merchant, "USERS", "users.csv", users);
        var changed = await ImportCalls.ImportAsync(platform.Http, merchant, "USERS", "users.csv", Encoding.UTF8.GetBytes("id,age,region,tags\nu1,31,north,vip\nu2,41,south,\n"));
        await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", items);
        var itemsAgain = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", items);

        Assert.Equal((2L, 0L), Counts(first));
        Assert.Equal((0L, 2L), Counts(again));
        Assert.Equal((1L, 1L), Counts(changed));
        Assert.Equal((0L, 1L), Counts(itemsAgain));
    }

    [Fact]
    public async Task AnEventsPropertiesColumnIsKeptAndABrokenOneRejectsItsRowAlone()
    {
        var (_, merchant) = await platform.CreateTenantAsync("props");
        var now = DateTimeOffset.UtcNow;
        var csv = "userId,type,occurredAt,itemId,amount,currency,properties\n" +
                  $"p1,PURCHASE,{now.AddMinutes(-3):O},sku-1,20,EUR,\"{{\"\"coupon\"\":\"\"SPRING10\"\",\"\"items\"\":2}}\"\n" +
                  $"p1,PURCHASE,{now.AddMinutes(-2):O},sku-2,30,EUR,\n" +
                  $"p1,VIEW,{now.AddMinutes(-1):O},sku-3,,,coupon=SPRING10\n"; // line 4: not a JSON object

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "events.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal((2L, 1L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var rejection = job.GetProperty("rejections").GetProperty("nodes").EnumerateArray().Single();
        Assert.Equal("4:properties:not_json_object", $"{rejection.GetProperty("line").GetInt64()}:{rejection.GetProperty("field").GetString()}:{rejection.GetProperty("rule").GetString()}");
        var profile = (await platform.Http.PostAsync(merchant, "{ user(id: \"p1\") { discountSensitivity } }")).Data.GetProperty("user");
        Assert.Equal(0.5, profile.GetProperty("discountSensitivity").GetDouble()); // one purchase of two carried a coupon
    }

    [Fact]
    public async Task AnImportWhoseUploadTheDatabaseLostFailsSayingToUploadItAgain()
    {
        var (tenant, merchant) = await platform.CreateTenantAsync("lost");
        var store = platform.Node.Services.GetRequiredService<ImportStore>();
        var job = await store.CreateAsync(tenant, ImportKind.Events, "events.csv", ImportOptionsJson.Serialize(new ImportOptions(ImportKind.Events)), requestedBy: null);
        await store.StoreFileAsync(job.Id, new MemoryStream("userId,type,occurredAt\nu1,VIEW,2026-01-01T00:00:00Z\n"u8.ToArray()), long.MaxValue);
        await using var dataSource = NpgsqlDataSource.Create(platform.Settings.ConnectionString);
        await using (var lose = dataSource.CreateCommand("DELETE FROM imports.file_chunks WHERE import_id = @id"))
        {
            lose.Parameters.AddWithValue("id", job.Id); // what crash recovery does to the unlogged table
            await lose.ExecuteNonQueryAsync();
        }

        platform.Node.Services.GetRequiredService<IBackgroundJobClient>()
            .Create(Job.FromExpression<IImportJob>(j => j.RunAsync(job.Id, CancellationToken.None)), new EnqueuedState(JobQueues.Default));
        var finished = await ImportCalls.WaitAsync(platform.Http, merchant, job.Id.ToString());

        Assert.Equal(("FAILED", 0L), (finished.GetProperty("status").GetString(), finished.GetProperty("rowsRead").GetInt64()));
        Assert.StartsWith("The uploaded file is no longer stored", finished.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARowReportsEveryRuleItBreaks()
    {
        var (_, merchant) = await platform.CreateTenantAsync("rules");
        var csv = "id,age,signupDate,gender\nu1,abc,yesterday,female\n";

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "USERS", "users.csv", Encoding.UTF8.GetBytes(csv));

        var rejections = job.GetProperty("rejections").GetProperty("nodes").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()}:{r.GetProperty("field").GetString()}").ToList();
        Assert.Equal(["2:age", "2:signupDate"], rejections);
    }

    [Fact]
    public async Task EventTypesFollowTheApiRulesExactly()
    {
        var (_, merchant) = await platform.CreateTenantAsync("types");
        var now = DateTimeOffset.UtcNow;
        var csv = $"userId,type,occurredAt,itemId,quantity\nu1,view,{now:O},sku-1,\nu1,VIEW,{now:O},sku-2,\nu1,nope,{now:O},sku-3,abc\n";

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EVENTS", "events.csv", Encoding.UTF8.GetBytes(csv));
        var api = await platform.Http.PostAsync(merchant, Events.Ingest, new { events = new[] { new { eventId = "e-lower", userId = "u1", type = "view", occurredAt = now.ToString("O"), itemId = "sku-1" } } });

        var rejections = job.GetProperty("rejections").GetProperty("nodes").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()}:{r.GetProperty("field").GetString()}:{r.GetProperty("rule").GetString()}").ToList();
        Assert.Equal(["2:type:unknown_type", "4:quantity:not_integer", "4:type:unknown_type"], rejections.Order());
        Assert.Equal(1L, job.GetProperty("rowsAccepted").GetInt64());
        Assert.Equal("unknown_type", api.Data.GetProperty("ingestEvents").GetProperty("results")[0].GetProperty("errors")[0].GetProperty("rule").GetString());
    }

    private static (long Accepted, long Unchanged) Counts(System.Text.Json.JsonElement job) =>
        (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsUnchanged").GetInt64());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("id;age\n1;2\n", "Missing required column")]
    [InlineData("id,title\n1,\"never closed\n2,b\n", "Line")]
    [InlineData("i\0d,title\n1,a\n", "Missing required column")] // the NUL made the reason unstorable: the job stayed RUNNING
    public async Task AFileThatCannotBeReadFailsTheJobWithAReason(string csv, string reason)
    {
        var (_, merchant) = await platform.CreateTenantAsync("bad");

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal("FAILED", job.GetProperty("status").GetString());
        Assert.Contains(reason, job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ANulInAValueRejectsThatRowAlone()
    {
        var (_, merchant) = await platform.CreateTenantAsync("nul");

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", Encoding.UTF8.GetBytes("id,title,size\n1,a\0b,x\0\n2,b,y\n"));

        Assert.Equal("SUCCEEDED", job.GetProperty("status").GetString());
        Assert.Equal((1L, 1L), (job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
    }

    [Fact]
    public async Task AWorkbookSentAsCsvFailsSayingToReadItAsOne()
    {
        var (_, merchant) = await platform.CreateTenantAsync("zipcsv");
        var workbook = Workbooks.Xlsx(("Sheet1", [["id", "title"], ["1", "a"]]));

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "ITEMS", "items.csv", workbook);

        Assert.Equal(("FAILED", "The file is an Excel workbook: import it with options.format EXCEL."), (job.GetProperty("status").GetString(), job.GetProperty("error").GetString()));
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
