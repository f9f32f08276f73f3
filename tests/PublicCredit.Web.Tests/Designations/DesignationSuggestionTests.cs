using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// GET /api/v1/designations/suggestions (docs/designations.md#escalation-suggestions; catalog escalation on
/// abnormal-operations): an organisation on the abnormal operations list for more than three years appears in SAMR's
/// queue as a proposal to consider for serious-untrustworthy-market — computed at the question's time, never acted on.
/// </summary>
public abstract class DesignationSuggestionTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Suggestions = "/api/v1/designations/suggestions";

    private static JsonObject AbnormalDesignation(string subject = DesignationBodies.Organisation, string notice = "闽市监异告〔2026〕5号") => new()
    {
        ["listType"] = DesignationBodies.AbnormalList,
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = "福州示例食品有限公司" },
        ["facts"] = "未按规定期限公示2025年度报告。",
        ["legalBasis"] = "《企业信息公示暂行条例》第十七条",
        ["noticeDocument"] = notice,
    };

    [Fact]
    public async Task Three_years_and_a_day_on_abnormal_operations_suggest_the_serious_list_to_samr_and_designate_nothing()
    {
        var abnormal = await Given.EffectiveDesignationAsync(DesignationBodies.AbnormalList, body: AbnormalDesignation());
        var since = Server.Clock.GetUtcNow(); // decided now, effective from the decision
        using (var early = await Given.StaffAsync(Role.Reviewer))
        {
            Assert.Empty((await early.GetJsonAsync(Suggestions, Cancel)).GetProperty("items").EnumerateArray());
        }

        Given.MoveTo(since.AddYears(3).AddDays(-1));
        using (var almost = await Given.StaffAsync(Role.Recorder))
        {
            Assert.Empty((await almost.GetJsonAsync(Suggestions, Cancel)).GetProperty("items").EnumerateArray());
        }

        Given.MoveTo(since.AddYears(3).AddDays(1));
        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var queue = await reviewer.GetJsonAsync(Suggestions, Cancel);

        var item = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(DesignationBodies.Organisation, item.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(abnormal.Id, item.GetProperty("from").GetProperty("designationId").GetGuid());
        Assert.Equal(DesignationBodies.AbnormalList, item.GetProperty("from").GetProperty("listType").GetString());
        Assert.Equal(DesignationBodies.MarketList, item.GetProperty("toListType").GetString());
        Assert.Equal("P3Y", item.GetProperty("after").GetString());
        Assert.True(item.GetProperty("since").GetDateTimeOffset() <= since);
        // Nothing was designated: the only designation is still the abnormal-operations entry.
        await using var db = StorageServices.CreateContext(Server.Database);
        var all = await db.Designations.Select(d => d.ListType).ToListAsync(Cancel);
        Assert.Equal([DesignationBodies.AbnormalList], all);
    }

    [Fact]
    public async Task A_subject_already_noticed_on_the_serious_list_is_not_suggested_and_another_department_sees_no_suggestion()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.AbnormalList, body: AbnormalDesignation());
        await Given.EffectiveDesignationAsync(DesignationBodies.AbnormalList, DesignationBodies.OtherOrganisation,
            body: AbnormalDesignation(DesignationBodies.OtherOrganisation, "闽市监异告〔2026〕6号"));
        await Given.ProposedDesignationAsync(DesignationBodies.MarketList, DesignationBodies.Organisation);

        Given.MoveTo(Server.Clock.GetUtcNow().AddYears(3).AddDays(2));
        using var samr = await Given.StaffAsync(Role.Reviewer);
        using var sta = await Given.StaffAsync(Role.Reviewer, Departments.Sta);

        var item = Assert.Single((await samr.GetJsonAsync(Suggestions, Cancel)).GetProperty("items").EnumerateArray());
        Assert.Equal(DesignationBodies.OtherOrganisation, item.GetProperty("subject").GetProperty("id").GetString());
        Assert.Empty((await sta.GetJsonAsync(Suggestions, Cancel)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_checker_has_no_suggestion_queue()
    {
        using var checker = await Given.StaffAsync(Role.Checker);

        await Problems.AssertAsync(await checker.GetAsync(new Uri(Suggestions, UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
    }
}

public sealed class DesignationSuggestionTests_on_SQLite() : DesignationSuggestionTests(new SqliteTestDatabases());

public sealed class DesignationSuggestionTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationSuggestionTests(new PostgresTestDatabases(cluster));
