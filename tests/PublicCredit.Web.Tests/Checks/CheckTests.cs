using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// The embedded check over HTTP (docs/api.md#checks <c>POST /api/v1/checks</c>; docs/checks.md; ADR 0010): designate → check on the
/// organisation and its responsible person → asOf before and after the term → revoke; the green channel; bad input;
/// every check an inquiry; and no database query on the hot path.
/// </summary>
public abstract class CheckTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private const string Person = DesignationBodies.LegalRepresentative;

    private async Task<HttpClient> CheckerAsync(string department = Departments.Mof) =>
        Server.Client(await Server.KeyAsync(Role.Checker, department));

    /// <summary>spc designates the organisation as a judgment defaulter, naming its legal representative; the subject
    /// states its case with the notice's token and spc decides (effective now, default term P2Y).</summary>
    private async Task<Guid> DesignateDefaulterAsync()
    {
        var body = DesignationBodies.DefaulterDesignation(subject: Organisation, name: "福州示例食品有限公司");
        body["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = Person, ["name"] = "张三", ["role"] = "legal-representative" },
        };
        return (await Given.EffectiveDesignationAsync(body: body)).Id;
    }

    private static Task<JsonElement> CheckAsync(HttpClient checker, string subject, string matter, string? asOf = null)
    {
        var body = new JsonObject { ["subject"] = subject, ["matter"] = matter };
        if (asOf is not null)
        {
            body["asOf"] = asOf;
        }

        return checker.PostExpectAsync("/api/v1/checks", body, HttpStatusCode.OK, Cancel);
    }

    private static IReadOnlyList<string?> Codes(JsonElement check) =>
        [.. check.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString())];

    [Fact]
    public async Task A_designated_organisation_and_its_legal_representative_get_the_measures_with_law_article_and_designation()
    {
        var designation = await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();

        var onOrganisation = await CheckAsync(checker, Organisation.ToLowerInvariant(), "government-procurement");
        var onPerson = await CheckAsync(checker, Person, "air-ticket");

        Assert.Equal("measures", onOrganisation.GetProperty("outcome").GetString());
        var procurement = onOrganisation.GetProperty("measures").EnumerateArray()
            .Single(m => m.GetProperty("measure").GetString() == "restrict-government-procurement");
        Assert.Equal(designation, procurement.GetProperty("designationId").GetGuid());
        Assert.Equal("subject", procurement.GetProperty("through").GetString());
        Assert.Equal(("disciplinary", "mandatory"), (procurement.GetProperty("kind").GetString(), procurement.GetProperty("binding").GetString()));
        Assert.Equal("judgment-defaulters", procurement.GetProperty("listType").GetString());
        Assert.Equal("mof", procurement.GetProperty("implementingDepartment").GetString());
        Assert.False(string.IsNullOrEmpty(procurement.GetProperty("memorandum").GetString()));
        Assert.Contains(procurement.GetProperty("legalBasis").EnumerateArray(), b => b.GetString() == "中华人民共和国政府采购法 第二十二条");
        Assert.True(onOrganisation.GetProperty("dataVersion").GetInt64() > 0);

        Assert.Equal("measures", onPerson.GetProperty("outcome").GetString());
        var air = onPerson.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "restrict-air-travel");
        Assert.Equal("responsible-person", air.GetProperty("through").GetString());
        Assert.Equal(designation, air.GetProperty("designationId").GetGuid());
        Assert.Contains(air.GetProperty("legalBasis").EnumerateArray(), b => b.GetString()!.Contains("第三条", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-11-22", "clear")] // the day before the decision
    [InlineData("2026-11-23T08:59:59+08:00", "clear")] // a second before it took effect (decided 09:00 China time)
    [InlineData("2026-11-23T09:00:00+08:00", "measures")]
    [InlineData("2028-06-01", "measures")]
    [InlineData("2028-11-23T08:59:59+08:00", "measures")] // the last second of the P2Y term
    [InlineData("2028-11-23T01:00:00Z", "clear")] // the term has ended (09:00 China time)
    [InlineData("2029-01-01", "clear")]
    public async Task A_check_as_of_before_the_effective_date_or_after_the_term_is_clear(string asOf, string outcome)
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();

        var check = await CheckAsync(checker, Organisation, "government-procurement", asOf);

        Assert.Equal(outcome, check.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task After_revocation_the_check_is_clear_at_once()
    {
        var designation = await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();
        var before = await CheckAsync(checker, Person, "air-ticket");
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Spc));

        await reviewer.PostExpectAsync($"/api/v1/designations/{designation}/revoke", new JsonObject { ["reasons"] = "已全部履行。" }, HttpStatusCode.OK, Cancel);

        var onOrganisation = await CheckAsync(checker, Organisation, "government-procurement");
        var onPerson = await CheckAsync(checker, Person, "air-ticket");
        Assert.Equal(("clear", "clear"), (onOrganisation.GetProperty("outcome").GetString(), onPerson.GetProperty("outcome").GetString()));
        Assert.Empty(onPerson.GetProperty("measures").EnumerateArray());
        Assert.True(onPerson.GetProperty("dataVersion").GetInt64() > before.GetProperty("dataVersion").GetInt64());
    }

    [Fact]
    public async Task Concurrent_checks_each_answer_only_once_their_own_inquiry_is_stored()
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();

        var checks = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            CheckAsync(checker, i % 2 == 0 ? Organisation : Person, i % 3 == 0 ? "air-ticket" : "government-procurement")));

        var ids = checks.Select(c => c.GetProperty("checkId").GetGuid()).ToHashSet();
        await using var db = PublicCredit.Data.StorageServices.CreateContext(Server.Database);
        var stored = await db.Inquiries.AsNoTracking().Where(i => i.Endpoint == "POST /api/v1/checks").Select(i => i.Id).ToListAsync(Cancel);
        Assert.Equal(200, ids.Count);
        Assert.Subset(stored.ToHashSet(), ids);
    }

    [Fact]
    public async Task A_restarted_server_rebuilds_the_index_from_the_database_and_reports_it()
    {
        var designation = await DesignateDefaulterAsync();
        await using var restarted = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var checker = restarted.Client(await restarted.KeyAsync(Role.Checker, Departments.Mof));

        var check = await CheckAsync(checker, Person, "air-ticket");

        var air = Assert.Single(check.GetProperty("measures").EnumerateArray());
        Assert.Equal(designation, air.GetProperty("designationId").GetGuid());
        Assert.Contains(restarted.StartupLines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^enforcement index: rebuilt from 1 designations in \d+ ms; now 2 entries for 2 subjects at ledger position \d+$"));
    }

    [Fact]
    public async Task A_clean_organisation_gets_the_green_channel_where_the_matter_lists_it_and_one_with_a_negative_record_does_not()
    {
        // The clean organisation's registration dates its known history from its establishment in 2019.
        await Given.RegisteredOrganisationAsync(DesignationBodies.OtherOrganisation, establishedOn: "2019-05-06");
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.Created, Cancel);
        using var checker = await CheckerAsync();

        var clean = await CheckAsync(checker, DesignationBodies.OtherOrganisation, "market-access");
        var penalised = await CheckAsync(checker, Organisation, "market-access");
        var otherMatter = await CheckAsync(checker, DesignationBodies.OtherOrganisation, "government-procurement");
        var individual = await CheckAsync(checker, DesignationBodies.Person, "market-access");

        Assert.Equal("measures", clean.GetProperty("outcome").GetString());
        var green = Assert.Single(clean.GetProperty("measures").EnumerateArray());
        Assert.Equal(("green-channel", "incentive", "subject"),
            (green.GetProperty("measure").GetString(), green.GetProperty("kind").GetString(), green.GetProperty("through").GetString()));
        Assert.False(green.TryGetProperty("designationId", out _));
        Assert.Equal("clear", penalised.GetProperty("outcome").GetString());
        Assert.Equal("clear", otherMatter.GetProperty("outcome").GetString());
        Assert.Equal("clear", individual.GetProperty("outcome").GetString());
        // The penalty of 2026-11-20 leaves the organisation's record clean again three years later, once the platform
        // has known it for three years too (its first record reached the platform on 2026-11-23).
        var later = await CheckAsync(checker, Organisation, "market-access", "2029-11-24");
        Assert.Equal(["green-channel"], Codes(later));
    }

    private const string NeverSeen = "91350100M00020079J";

    [Fact]
    public async Task A_valid_uscc_the_platform_has_never_seen_gets_no_green_channel_and_the_check_says_its_history_is_unknown()
    {
        using var checker = await CheckerAsync();

        var check = await CheckAsync(checker, NeverSeen, "market-access");

        Assert.Equal("clear", check.GetProperty("outcome").GetString());
        Assert.Empty(check.GetProperty("measures").EnumerateArray());
        var withheld = Assert.Single(check.GetProperty("withheld").EnumerateArray());
        Assert.Equal(("green-channel", "incentive", "history-unknown"),
            (withheld.GetProperty("measure").GetString(), withheld.GetProperty("kind").GetString(), withheld.GetProperty("reason").GetString()));
        // A matter the green channel does not serve withholds nothing: there is nothing to explain.
        Assert.False((await CheckAsync(checker, NeverSeen, "government-procurement")).TryGetProperty("withheld", out _));
    }

    [Fact]
    public async Task An_organisation_first_recorded_four_years_ago_with_nothing_negative_gets_the_green_channel()
    {
        // A licence (neutral) is the platform's first record of the organisation, on the default test day.
        await Given.PublishedRecordAsync("京市监许〔2026〕5号", subject: DesignationBodies.OtherOrganisation, category: "administrative-licensing");
        using (var checker = await CheckerAsync())
        {
            var sameDay = await CheckAsync(checker, DesignationBodies.OtherOrganisation, "market-access");
            var twoYearsOn = await CheckAsync(checker, DesignationBodies.OtherOrganisation, "market-access", "2028-11-23");
            Assert.Equal("history-unknown", Assert.Single(sameDay.GetProperty("withheld").EnumerateArray()).GetProperty("reason").GetString());
            Assert.Equal("history-unknown", Assert.Single(twoYearsOn.GetProperty("withheld").EnumerateArray()).GetProperty("reason").GetString());
        }

        Given.MoveTo(new DateTimeOffset(2030, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        using var later = await CheckerAsync();

        var check = await CheckAsync(later, DesignationBodies.OtherOrganisation, "market-access");

        Assert.Equal(["green-channel"], Codes(check));
        Assert.False(check.TryGetProperty("withheld", out _));
    }

    [Fact]
    public async Task A_restarted_server_still_knows_which_histories_reach_back_the_clean_period()
    {
        await Given.RegisteredOrganisationAsync(DesignationBodies.OtherOrganisation, establishedOn: "2019-05-06");
        // A registration of this year establishes no three-year history.
        await Given.RegisteredOrganisationAsync(Organisation, establishedOn: "2026-03-02", name: Given.OrganisationName, documentNumber: "闽市监登〔2026〕8号");
        await using var restarted = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var checker = restarted.Client(await restarted.KeyAsync(Role.Checker, Departments.Mof));

        var established = await CheckAsync(checker, DesignationBodies.OtherOrganisation, "market-access");
        var young = await CheckAsync(checker, Organisation, "market-access");
        var unseen = await CheckAsync(checker, NeverSeen, "market-access");

        Assert.Equal(["green-channel"], Codes(established));
        Assert.Equal(("clear", "history-unknown"), (young.GetProperty("outcome").GetString(),
            Assert.Single(young.GetProperty("withheld").EnumerateArray()).GetProperty("reason").GetString()));
        Assert.Equal("history-unknown", Assert.Single(unseen.GetProperty("withheld").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_black_designation_withholds_the_green_channel()
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();

        var check = await CheckAsync(checker, Organisation, "market-access");

        Assert.DoesNotContain("green-channel", Codes(check));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "market-access", null, "subject-id-invalid")]
    [InlineData("", "market-access", null, "subject-id-invalid")]
    [InlineData(Organisation, "space-travel", null, "check-unknown-matter")]
    [InlineData(Organisation, "", null, "check-unknown-matter")]
    [InlineData(Organisation, "market-access", "tomorrow", "check-as-of-invalid")]
    [InlineData(Organisation, "market-access", "2027-01-01T09:00:00", "check-as-of-invalid")]
    public async Task An_invalid_subject_an_unknown_matter_or_a_bad_asOf_is_422(string subject, string matter, string? asOf, string code)
    {
        using var checker = await CheckerAsync();
        var body = new JsonObject { ["subject"] = subject, ["matter"] = matter, ["asOf"] = asOf };

        var response = await checker.PostAsJsonAsync("/api/v1/checks", body, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task Wrongly_typed_fields_or_a_body_that_is_not_an_object_are_coded_4xx_not_500()
    {
        using var checker = await CheckerAsync();

        await Problems.AssertAsync(await checker.PostAsJsonAsync("/api/v1/checks", new JsonObject { ["subject"] = 5, ["matter"] = "air-ticket" }, Cancel),
            HttpStatusCode.UnprocessableEntity, "check-field-not-text");
        await Problems.AssertAsync(await checker.PostAsJsonAsync("/api/v1/checks", new JsonArray(), Cancel),
            HttpStatusCode.UnprocessableEntity, "check-body-invalid");
        using var notJson = new StringContent("{", System.Text.Encoding.UTF8, "application/json");
        await Problems.AssertAsync(await checker.PostAsync("/api/v1/checks", notJson, Cancel), HttpStatusCode.BadRequest, "body-invalid-json");
    }

    [Fact]
    public async Task Only_a_checker_may_check()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostAsJsonAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = "air-ticket" }, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Fact]
    public async Task Every_check_is_an_inquiry_of_the_subject_whose_id_is_the_check_id()
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();
        var first = await CheckAsync(checker, Organisation, "government-procurement");
        var second = await CheckAsync(checker, Organisation, "air-ticket");

        await using var db = PublicCredit.Data.StorageServices.CreateContext(Server.Database);
        var inquiries = await db.Inquiries.Where(i => i.SubjectId == Organisation && i.Endpoint == "POST /api/v1/checks").ToListAsync(Cancel);
        Assert.Equal(2, inquiries.Count);
        var forFirst = inquiries.Single(i => i.Id == first.GetProperty("checkId").GetGuid());
        Assert.Equal(("mof", "checker", "government-procurement"), (forFirst.Department, forFirst.Role, forFirst.Purpose));
        Assert.StartsWith("check:measures", forFirst.Returned, StringComparison.Ordinal);
        Assert.Contains("restrict-government-procurement", forFirst.Returned, StringComparison.Ordinal);
        Assert.Contains(inquiries, i => i.Id == second.GetProperty("checkId").GetGuid() && i.Purpose == "air-ticket");
    }

    [Fact]
    public async Task A_check_reads_no_designation_record_or_ledger_from_the_database()
    {
        using var counter = new DataQueries(Server.Database);
        // EF Core re-reads whether diagnostics are listened to at most once a second (ConfigureLoggingCacheTime).
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancel);
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();
        await CheckAsync(checker, Organisation, "government-procurement"); // warm: the key is looked up once
        Assert.NotEmpty(counter.Commands); // the designation's own writes were seen
        counter.Clear();

        var check = await CheckAsync(checker, Person, "air-ticket");
        await CheckAsync(checker, Organisation, "market-access", "2029-01-01");

        Assert.Equal("measures", check.GetProperty("outcome").GetString());
        Assert.Empty(counter.Commands);

        // The counter can fail: reading a designation does query those tables.
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Spc));
        await HttpJson.GetJsonAsync(reviewer, $"/api/v1/designations/{check.GetProperty("measures")[0].GetProperty("designationId").GetGuid()}", Cancel);
        Assert.NotEmpty(counter.Commands);
    }

    /// <summary>EF Core commands on one database that touch designations, records, responsible persons or the ledger.</summary>
    private sealed class DataQueries : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly string[] Tables = ["designation", "record", "responsible", "ledger"];
        private readonly (string DataSource, string Database) target;
        private readonly IDisposable all;
        private readonly List<IDisposable> subscriptions = [];
        private readonly List<string> commands = [];

        public DataQueries(PublicCredit.Data.DatabaseTarget database)
        {
            using var db = PublicCredit.Data.StorageServices.CreateContext(database);
            var connection = db.Database.GetDbConnection();
            target = (connection.DataSource, connection.Database);
            all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (commands)
                {
                    return [.. commands];
                }
            }
        }

        public void Clear()
        {
            lock (commands)
            {
                commands.Clear();
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {

            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
                && data.Command.Connection is { } connection && (connection.DataSource, connection.Database) == target
                && Tables.Any(t => data.Command.CommandText.Contains(t, StringComparison.OrdinalIgnoreCase))
                // The ledger follower (ADR 0012) reads in the background on PostgreSQL; it is not a check's query.
                && !data.Command.CommandText.Contains(PublicCredit.Enforcement.FollowLedger.Tag, StringComparison.Ordinal))
            {
                lock (commands)
                {
                    commands.Add(data.Command.CommandText);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            all.Dispose();
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class CheckTests_on_SQLite() : CheckTests(new SqliteTestDatabases());

public sealed class CheckTests_on_PostgreSQL(PostgresClusterFixture cluster) : CheckTests(new PostgresTestDatabases(cluster));
