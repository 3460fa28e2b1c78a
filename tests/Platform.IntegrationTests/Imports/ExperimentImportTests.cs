using System.Globalization;
using System.Text.Json;
using Platform.IntegrationTests.Support;
using Platform.Testing;

namespace Platform.IntegrationTests.Imports;

/// <summary>The artea coupon experiment (../shared/data) through importDataset, read back from the platform.</summary>
public sealed class ExperimentImportTests(PlatformWithWorker platform) : IClassFixture<PlatformWithWorker>
{
    // Declared before ArteaOptions, which reads it: static fields are initialised in order.
    private static readonly string[] Covariates = ["num_past_purch", "spent_last_purchase", "weeks_since_visit", "browsing_minutes", "shopping_cart"];

    public static readonly object ArteaOptions = new
    {
        tags = new[] { "artea" },
        experiment = new
        {
            name = "artea",
            userIdColumn = "id",
            assignmentColumn = "test_coupon",
            controlValues = new[] { "0" },
            arms = new[] { new { value = "1", name = "coupon", type = "PERCENT_OFF" } },
            conversionColumn = "trans_after",
            revenueColumn = "revenue_after",
            windowDays = 30,
            covariateColumns = Covariates,
        },
    };

    private static string ArteaFile => Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "artea", "a_b-experiment.csv");

    [SkippableFact]
    public async Task TheArteaExperimentReadsBackWithTheFiguresOfItsReadme()
    {
        Skip.IfNot(File.Exists(ArteaFile), $"{ArteaFile} is not here: the shared data folder sits beside the checkout in CI.");
        var (_, merchant) = await platform.CreateTenantAsync("artea");
        var bytes = await File.ReadAllBytesAsync(ArteaFile);

        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "a_b-experiment.csv", bytes, ArteaOptions);
        var again = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "a_b-experiment.csv", bytes, ArteaOptions);

        Expect.Equal("SUCCEEDED", job.GetProperty("status").GetString(), job.ToString());
        Assert.Equal((5000, 5000, 0), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var arms = job.GetProperty("campaigns")[0].GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("arm").GetString()!);
        Assert.Equal(2502, arms["TREATMENT"].GetProperty("customers").GetInt64());
        Assert.Equal("15.19%", Percent(arms["TREATMENT"]));
        Assert.Equal("7.54", Money(arms["TREATMENT"]));
        Assert.Equal(310, arms["TREATMENT"].GetProperty("converters").GetInt64()); // 12.39% bought at least once
        Assert.Equal(267, arms["CONTROL"].GetProperty("converters").GetInt64());
        Assert.Equal(2498, arms["CONTROL"].GetProperty("customers").GetInt64());
        Assert.Equal("12.57%", Percent(arms["CONTROL"]));
        Assert.Equal("7.78", Money(arms["CONTROL"]));
        Assert.Equal(job.GetProperty("campaigns").ToString(), again.GetProperty("campaigns").ToString());

        var campaign = (await platform.Http.PostAsync(merchant, "{ campaign(id: \"artea-coupon\") { status source type holdoutShare attributionWindowDays } }")).Data.GetProperty("campaign");
        Assert.Equal(("ENDED", "IMPORTED", "PERCENT_OFF", 30), (campaign.GetProperty("status").GetString(), campaign.GetProperty("source").GetString(),
            campaign.GetProperty("type").GetString(), campaign.GetProperty("attributionWindowDays").GetInt32()));
        Assert.Equal(2498 / 5000.0, campaign.GetProperty("holdoutShare").GetDouble(), 1e-12);

        await AssertObservedLiftAsync(merchant, bytes);
        await AssertAdjustedLiftAsync(merchant, bytes);

        var user = (await platform.Http.PostAsync(merchant, "{ user(id: \"6002\") { attributes { tags custom { name number text } } } }")).Data.GetProperty("user").GetProperty("attributes");
        Assert.Equal(["artea", "experiment:artea", "artea:coupon"], user.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(53.99, user.GetProperty("custom").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "spent_last_purchase").GetProperty("number").GetDouble());
        var coupons = (await platform.Http.PostAsync(merchant, "{ audienceSummary(audience: { tags: [\"artea:coupon\"] }) { users } }")).Data;
        Assert.Equal(2502, coupons.GetProperty("audienceSummary").GetProperty("users").GetInt64());
    }

    [Fact]
    public async Task CovariateColumnsRefuseTextImputeEmptyCellsAndLeaveOutWhatIsConstant()
    {
        var (_, merchant) = await platform.CreateTenantAsync("covariates");
        var random = new Random(11);
        var csv = new System.Text.StringBuilder("id,past,flat,offer,bought,revenue\n");
        for (var i = 0; i < 400; i++)
        {
            var past = random.Next(0, 6);
            var offer = i % 2;
            var revenue = Math.Round((past * 12) + (offer * 5) + (random.NextDouble() * 10), 2);
            var cell = i switch { 7 => "many", 8 => "", 9 => "1e200", _ => past.ToString(CultureInfo.InvariantCulture) };
            csv.Append(CultureInfo.InvariantCulture, $"u{i},{cell},1,{offer},{(revenue > 30 ? 1 : 0)},{revenue}\n");
        }

        var options = new
        {
            experiment = new
            {
                name = "covariates", userIdColumn = "id", assignmentColumn = "offer", controlValues = new[] { "0" },
                arms = new[] { new { value = "1", name = "five-off", type = "AMOUNT_OFF" } },
                conversionColumn = "bought", revenueColumn = "revenue", covariateColumns = new[] { "past", "flat" },
            },
        };
        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "covariates.csv", System.Text.Encoding.UTF8.GetBytes(csv.ToString()), options);

        Assert.Equal((400, 398, 2), (job.GetProperty("rowsRead").GetInt64(), job.GetProperty("rowsAccepted").GetInt64(), job.GetProperty("rowsRejected").GetInt64()));
        var treated = job.GetProperty("campaigns")[0].GetProperty("arms")[0];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Number), (treated.GetProperty("participants").ValueKind, treated.GetProperty("revenue").ValueKind)); // not mapped: unknown, not zero
        var rejections = job.GetProperty("rejections").GetProperty("nodes").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("field").GetString(), r.GetProperty("rule").GetString())).Order();
        Assert.Equal([(9, "past", "not_numeric"), (11, "past", "out_of_range")], rejections);
        var measured = (await platform.Http.PostAsync(merchant, """
            { campaign(id: "covariates-five-off") { kpis { measurement { metric adjusted { value } varianceReduction covariates note } } } }
            """)).Data.GetProperty("campaign").GetProperty("kpis").GetProperty("measurement").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "REVENUE_PER_USER");
        Assert.Equal(["past"], measured.GetProperty("covariates").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("flat", measured.GetProperty("note").GetString());
        Assert.InRange(measured.GetProperty("varianceReduction").GetDouble(), 0.5, 1); // revenue follows past purchases closely
        Assert.InRange(measured.GetProperty("adjusted").GetProperty("value").GetDouble(), 3, 7);
    }

    [Fact]
    public async Task AFileWithoutAnIdColumnNamesItsCustomersByLineAndReadsBackTheSameOnASecondImport()
    {
        // The shape of public experiments such as Hillstrom's e-mail test: an arm column with text values, 1/0 outcomes, spend, no ids.
        var (_, merchant) = await platform.CreateTenantAsync("no-ids");
        var csv = new System.Text.StringBuilder("recency,zip_code,segment,visit,conversion,spend,opened\n");
        for (var i = 0; i < 300; i++)
        {
            var segment = (i % 3) switch { 0 => "Mens E-Mail", 1 => "Womens E-Mail", _ => "No E-Mail" };
            var bought = i % 3 != 2 && i % 10 == 0;
            csv.Append(CultureInfo.InvariantCulture, $"{1 + (i / 3 % 12)},{(i % 2 == 0 ? "Urban" : "Rural")},{segment},{(bought || i % 4 == 0 ? 1 : 0)},{(bought ? 1 : 0)},{(bought ? "29.99" : "0.0")},{(i % 3 != 2 && i % 2 == 0 ? 1 : 0)}\n");
        }

        var options = new
        {
            experiment = new
            {
                name = "E-mail test",
                assignmentColumn = "segment",
                controlValues = new[] { "No E-Mail" },
                arms = new[] { new { value = "Mens E-Mail", name = "mens", type = "MESSAGE_ONLY" }, new { value = "Womens E-Mail", name = "womens", type = "MESSAGE_ONLY" } },
                conversionColumn = "conversion", revenueColumn = "spend", participationColumn = "visit", windowDays = 14,
            },
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        var first = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "email.csv", bytes, options);
        var second = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "email.csv", bytes, options);

        Expect.Equal("SUCCEEDED", first.GetProperty("status").GetString(), first.ToString());
        Assert.Equal((300L, 300L, 0L), (first.GetProperty("rowsRead").GetInt64(), first.GetProperty("rowsAccepted").GetInt64(), first.GetProperty("rowsRejected").GetInt64()));
        Assert.Equal((300L, 0L), (second.GetProperty("rowsUnchanged").GetInt64(), second.GetProperty("rowsAccepted").GetInt64()));
        // 'opened' (half of each arm opened the e-mail, no one in control) was measured after assignment: reported, not a feature.
        var unbalanced = first.GetProperty("unbalancedColumns").EnumerateArray().Single();
        Assert.Equal(("opened", false), (unbalanced.GetProperty("column").GetString(), unbalanced.GetProperty("feature").GetBoolean()));
        Assert.True(unbalanced.GetProperty("standardizedDifference").GetDouble() > 1, unbalanced.ToString());
        var user = (await platform.Http.PostAsync(merchant, "{ user(id: \"e-mail-test-2\") { attributes { tags custom { name number text } } } }")).Data.GetProperty("user").GetProperty("attributes");
        Assert.Equal(["experiment:e-mail-test", "e-mail-test:mens"], user.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["recency=1", "zip_code=Urban"], user.GetProperty("custom").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("number").ToString()}{c.GetProperty("text").GetString()}").Order());
        var mens = first.GetProperty("campaigns").EnumerateArray().Single(c => c.GetProperty("campaignId").GetString() == "e-mail-test-mens").GetProperty("arms").EnumerateArray()
            .ToDictionary(a => a.GetProperty("arm").GetString()!, a => (a.GetProperty("customers").GetInt64(), a.GetProperty("participants").GetInt64()));
        Assert.Equal((100L, 100L), (mens["TREATMENT"].Item1, mens["CONTROL"].Item1));
        Assert.Equal(Enumerable.Range(0, 300).Count(i => i % 3 == 0 && (i % 10 == 0 || i % 4 == 0)), mens["TREATMENT"].Item2);

        // The experiment's sides are what the file recorded: lines 2, 3 and 4 are a men's, a women's and a control customer;
        // the women's customer and a user the file never named were not in the men's arm's experiment at all.
        var assignments = await platform.Http.FieldAsync(
            merchant, "{ campaignAssignments(campaignId: \"e-mail-test-mens\", userIds: [\"e-mail-test-2\", \"e-mail-test-3\", \"e-mail-test-4\", \"walk-in\"]) { userId arm eligible } }",
            null, "campaignAssignments");
        Assert.Equal(
            ["e-mail-test-2 TREATMENT False", "e-mail-test-3  False", "e-mail-test-4 CONTROL False", "walk-in  False"],
            assignments.EnumerateArray().Select(a => $"{a.GetProperty("userId").GetString()} {a.GetProperty("arm").GetString()} {a.GetProperty("eligible").GetBoolean()}"));
    }

    [Fact]
    public async Task AFileWithMoreFeatureColumnsThanATenantMayDeclareKeepsThoseThatGoWithTheOutcome()
    {
        // The shape of wide public experiments (Lenta's has about 190 columns): 55 features, of which f50 to f55 drive the outcome.
        var (_, merchant) = await platform.CreateTenantAsync("wide");
        var features = Enumerable.Range(1, 55).Select(i => $"f{i}").ToList();
        var csv = new System.Text.StringBuilder($"group,bought,{string.Join(',', features)}\n");
        var random = new Random(11);
        for (var i = 0; i < 3_000; i++)
        {
            var values = features.Select(_ => random.Next(0, 10)).ToList();
            var chance = 0.05 + (0.02 * values.Skip(49).Sum());
            csv.Append(CultureInfo.InvariantCulture, $"{i % 2},{(random.NextDouble() < chance ? 1 : 0)},{string.Join(',', values)}\n");
        }

        var options = new { experiment = new { name = "wide", assignmentColumn = "group", controlValues = new[] { "0" }, arms = new[] { new { value = "1", name = "offer", type = "MESSAGE_ONLY" } }, conversionColumn = "bought" } };
        var job = await ImportCalls.ImportAsync(platform.Http, merchant, "EXPERIMENT", "wide.csv", System.Text.Encoding.UTF8.GetBytes(csv.ToString()), options);
        var leftOut = (await platform.Http.FieldAsync(merchant, "query($id: ID!) { importJob(id: $id) { leftOutFeatures { column association } } }",
            new { id = job.GetProperty("id").GetString() }, "importJob")).GetProperty("leftOutFeatures").EnumerateArray().ToList();
        var declared = (await platform.Http.FieldAsync(merchant, "{ tenant { attributeSchema { name } } }", null, "tenant")).GetProperty("attributeSchema").EnumerateArray()
            .Select(a => a.GetProperty("name").GetString()!).ToHashSet();

        Assert.Equal("SUCCEEDED", job.GetProperty("status").GetString());
        Assert.Equal(5, leftOut.Count);
        Assert.Equal(50, declared.Count);
        Assert.All(Enumerable.Range(50, 6), i => Assert.Contains($"f{i}", declared));
        Assert.All(leftOut, f => Assert.DoesNotContain(f.GetProperty("column").GetString()!, declared));
        var strengths = leftOut.Select(f => f.GetProperty("association").GetDouble()).ToList();
        Assert.Equal(strengths.OrderDescending(), strengths);
        Assert.All(strengths, s => Assert.InRange(s, 0, 0.06)); // noise; each driver goes with the outcome at about 0.1
    }

    /// <summary>The campaign's lift equals a direct computation over the CSV's rows (Welch / unpooled normal intervals).</summary>
    private async Task AssertObservedLiftAsync(string key, byte[] csv)
    {
        var rows = System.Text.Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Coupon: cells[3] == "1", Conversions: double.Parse(cells[1], CultureInfo.InvariantCulture), Revenue: double.Parse(cells[2], CultureInfo.InvariantCulture)))
            .ToList();
        var coupon = rows.Where(r => r.Coupon).ToList();
        var control = rows.Where(r => !r.Coupon).ToList();
        var kpis = (await platform.Http.PostAsync(key, """
            { campaign(id: "artea-coupon") { kpis {
                treatment { users conversionRate purchasesPerUser revenuePerUser } control { users purchasesPerUser revenuePerUser }
                conversionRateLift { value low high } purchasesPerUserLift { value low high } revenuePerUserLift { value low high } } } }
            """)).Data.GetProperty("campaign").GetProperty("kpis");

        Assert.Equal((2502, 2498), (kpis.GetProperty("treatment").GetProperty("users").GetInt32(), kpis.GetProperty("control").GetProperty("users").GetInt32()));
        Assert.Equal(0.1519, kpis.GetProperty("treatment").GetProperty("purchasesPerUser").GetDouble(), 4);
        Assert.Equal(0.1257, kpis.GetProperty("control").GetProperty("purchasesPerUser").GetDouble(), 4);
        double Share(List<(bool, double Conversions, double)> side) => side.Count(r => r.Conversions > 0) / (double)side.Count;
        AssertLift(Share(coupon) - Share(control), Math.Sqrt((Share(coupon) * (1 - Share(coupon)) / coupon.Count) + (Share(control) * (1 - Share(control)) / control.Count)), kpis.GetProperty("conversionRateLift"));
        AssertMeanLift(coupon.Select(r => r.Conversions).ToList(), control.Select(r => r.Conversions).ToList(), kpis.GetProperty("purchasesPerUserLift"));
        AssertMeanLift(coupon.Select(r => r.Revenue).ToList(), control.Select(r => r.Revenue).ToList(), kpis.GetProperty("revenuePerUserLift"));
    }

    /// <summary>The adjusted lift equals an ordinary least squares fit with interactions over the CSV's rows (docs/measurement.md).</summary>
    private async Task AssertAdjustedLiftAsync(string key, byte[] csv)
    {
        var lines = System.Text.Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        var measurement = (await platform.Http.PostAsync(key, """
            { campaign(id: "artea-coupon") { kpis { significance measurement {
                metric estimate { value } adjusted { value low high } unadjusted { value } varianceReduction covariates alwaysValid { low high } significance note } } } }
            """)).Data.GetProperty("campaign").GetProperty("kpis");
        var lifts = measurement.GetProperty("measurement").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!);

        foreach (var (metric, outcome) in new[] { ("CONVERSION_RATE", (Func<string[], double>)(c => Number(c[1]) > 0 ? 1 : 0)), ("REVENUE_PER_USER", c => Number(c[2])) })
        {
            var expected = Testing.LeastSquares.InteractedTreatmentEffect(rows
                .Select(c => (c[3] == "1", Covariates.Select(name => Number(c[header.IndexOf(name)])).ToArray(), outcome(c))).ToList());
            var lift = lifts[metric];
            Assert.True(lift.GetProperty("adjusted").ValueKind == System.Text.Json.JsonValueKind.Object, lift.ToString());
            Assert.Equal(expected, lift.GetProperty("adjusted").GetProperty("value").GetDouble(), 9);
            Assert.Equal(expected, lift.GetProperty("estimate").GetProperty("value").GetDouble(), 9); // the adjusted lift is the default
            Assert.Equal(Covariates, lift.GetProperty("covariates").EnumerateArray().Select(c => c.GetString()));
            Assert.InRange(lift.GetProperty("varianceReduction").GetDouble(), 0.001, 1);
            Assert.True(lift.GetProperty("alwaysValid").GetProperty("low").GetDouble() < lift.GetProperty("adjusted").GetProperty("low").GetDouble());
        }

        Assert.Equal(lifts["CONVERSION_RATE"].GetProperty("significance").GetString(), measurement.GetProperty("significance").GetString());
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private static void AssertMeanLift(List<double> treated, List<double> control, System.Text.Json.JsonElement estimate)
    {
        static double Variance(List<double> values)
        {
            var mean = values.Average();
            return values.Sum(v => Math.Pow(v - mean, 2)) / (values.Count - 1);
        }

        AssertLift(treated.Average() - control.Average(), Math.Sqrt((Variance(treated) / treated.Count) + (Variance(control) / control.Count)), estimate);
    }

    private static void AssertLift(double value, double standardError, System.Text.Json.JsonElement estimate)
    {
        Assert.Equal(value, estimate.GetProperty("value").GetDouble(), 6);
        Assert.Equal(value - (1.959963984540054 * standardError), estimate.GetProperty("low").GetDouble(), 6);
        Assert.Equal(value + (1.959963984540054 * standardError), estimate.GetProperty("high").GetDouble(), 6);
    }

    private static string Percent(System.Text.Json.JsonElement arm) =>
        arm.GetProperty("conversionRate").GetDouble().ToString("P2", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    private static string Money(System.Text.Json.JsonElement arm) =>
        arm.GetProperty("revenuePerCustomer").GetDecimal().ToString("F2", CultureInfo.InvariantCulture);
}
