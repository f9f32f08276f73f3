using System.Net;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// A red list admits only whom its catalog eligibility does (docs/designations.md#red-and-black, ADR 0042): proposing or
/// deciding a red entry for a subject with an effective black entry, or with a serious negative record within the
/// list's period, is refused with each reason.
/// </summary>
public abstract class RedListEligibilityTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_serious_tax_violator_with_a_serious_penalty_cannot_be_proposed_as_an_a_grade_taxpayer_and_is_told_both_reasons()
    {
        var black = await Given.EffectiveDesignationAsync(DesignationBodies.TaxList);
        var record = await Given.PublishedRecordAsync(body: RecordBodies.Penalty("闽市监罚〔2026〕301号").With("severity", "serious"));

        using var sta = await Given.StaffAsync(Role.Recorder, Departments.Sta);
        var response = await sta.PostJsonAsync("/api/v1/designations", DesignationBodies.AGradeDesignation(), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "designation-red-ineligible");
        Assert.Equal([("subject.id", "designation-red-ineligible"), ("subject.id", "designation-red-ineligible")], problem.FieldCodes());
        var reasons = problem.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["noEffectiveBlack", "noSeriousNegativeWithin"], reasons.Select(r => r.GetProperty("rule").GetString()));
        Assert.Equal(black.Id, reasons[0].GetProperty("designationId").GetGuid());
        Assert.Equal(record.Id, reasons[1].GetProperty("recordId").GetGuid());
    }

    [Fact]
    public async Task A_general_penalty_does_not_bar_the_a_grade_list_but_a_black_entry_decided_after_the_notice_bars_its_decision()
    {
        await Given.PublishedRecordAsync();
        var red = await Given.ProposedDesignationAsync(DesignationBodies.RedList, statement: true);
        await Given.EffectiveDesignationAsync(DesignationBodies.TaxList);

        using var reviewer = await Given.StaffAsync(Role.Reviewer, Departments.Sta);
        var response = await reviewer.PostJsonAsync($"{red.Path}/decide", DesignationBodies.Decision(document: "税总信决〔2026〕1号"), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "designation-red-ineligible");
        Assert.Equal("noEffectiveBlack", Assert.Single(problem.GetProperty("reasons").EnumerateArray()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_serious_record_older_than_the_clean_period_and_a_black_entry_that_ended_do_not_bar_the_a_grade_list()
    {
        await Given.PublishedRecordAsync(body: RecordBodies.Penalty("闽市监罚〔2023〕301号", decisionDate: "2023-11-20").With("severity", "serious"));
        await Given.EffectiveDesignationAsync(DesignationBodies.TaxList, term: "P1Y");
        Given.MoveTo(Server.Clock.GetUtcNow().AddYears(1).AddDays(1));

        var red = await Given.EffectiveDesignationAsync(DesignationBodies.RedList);

        using var auditor = await Given.StaffAsync(Role.Auditor, Departments.Ndrc);
        var read = await auditor.GetJsonAsync(red.Path, Cancel);
        Assert.Equal("effective", read.GetProperty("status").GetString());
    }
}

public sealed class RedListEligibilityTests_on_SQLite() : RedListEligibilityTests(new SqliteTestDatabases());

public sealed class RedListEligibilityTests_on_PostgreSQL(PostgresClusterFixture cluster) : RedListEligibilityTests(new PostgresTestDatabases(cluster));
