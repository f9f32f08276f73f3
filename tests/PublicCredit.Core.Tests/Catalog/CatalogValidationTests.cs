using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

/// <summary>Each test copies the real default catalog, breaks one thing, and expects the rule's code at its file:line.</summary>
public sealed class CatalogValidationTests : IDisposable
{
    private readonly CatalogCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    // ---- legal basis (docs/design.md#2-no-measure-without-a-legal-basis) ------------------------------------------------------------------

    [Fact]
    public void A_measure_citing_a_law_without_its_article_is_refused()
    {
        var line = _copy.Replace("measures.yaml", "        article: 第二十二条\n", "", after: "code: restrict-government-procurement");

        // The entry that lost its article starts on the line before the removed one.
        CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line - 1, "legal-basis-missing");
    }

    [Fact]
    public void A_category_with_an_empty_legal_basis_is_refused()
    {
        var line = _copy.LineOf("categories.yaml", "    legalBasis:", after: "code: administrative-penalty");
        _copy.Replace("categories.yaml", "    legalBasis:\n      - law: 中华人民共和国行政处罚法\n        article: 第四十八条\n        en: Administrative Penalty Law (2021 revision), art. 48\n",
            "    legalBasis: []\n", after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "legal-basis-missing");
    }

    [Fact]
    public void A_memorandum_without_its_document_is_refused()
    {
        var line = _copy.LineOf("memoranda.yaml", "- code: a-grade-taxpayers-2016");
        _copy.Replace("memoranda.yaml",
            "    document:\n      number: 发改财金〔2016〕1467号\n      title: 关于对纳税信用A级纳税人实施联合激励措施的合作备忘录\n",
            "", after: "code: a-grade-taxpayers-2016");
        _copy.Replace("memoranda.yaml", "      date: 2016-07-04 # verify: date not re-checked\n", "", after: "code: a-grade-taxpayers-2016");

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "legal-basis-missing");
    }

    // ---- references and codes ------------------------------------------------------------------------------

    [Fact]
    public void A_measure_implemented_by_an_unknown_department_is_refused()
    {
        var line = _copy.Replace("measures.yaml", "implementingDepartment: mof", "implementingDepartment: minfin",
            after: "code: restrict-government-procurement");

        var problem = CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line, "reference-unknown");
        Assert.Contains("minfin", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_memorandum_naming_an_undefined_measure_is_refused()
    {
        var line = _copy.Replace("memoranda.yaml", "      - restrict-exit\n", "      - restrict-exits\n",
            after: "code: judgment-defaulters-2016");

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "reference-unknown");
    }

    [Fact]
    public void A_sub_category_with_an_undefined_parent_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "parent: judicial", "parent: judiciary", after: "code: court-judgment");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "reference-unknown");
    }

    [Fact]
    public void Two_departments_with_the_same_code_are_refused_at_the_second()
    {
        var line = _copy.Replace("departments.yaml", "code: pboc", "code: ndrc");

        var result = _copy.Load();

        CatalogAssert.HasProblem(result, "departments.yaml", line, "code-duplicate");
        // The duplicate's other fields are still read: no spurious unknown fields. (pboc is now really gone,
        // so the memoranda naming it are rightly reported.)
        Assert.Single(result.Problems, p => p.File == "departments.yaml");
    }

    [Fact]
    public void A_code_that_is_not_kebab_case_is_refused()
    {
        var line = _copy.Replace("matters.yaml", "code: land-supply", "code: Land_Supply");
        _copy.Replace("measures.yaml", "matters: [land-supply]", "matters: [Land_Supply]");

        CatalogAssert.HasProblem(_copy.Load(), "matters.yaml", line, "code-invalid");
    }

    // ---- proportionality and market bodies (docs/design.md#6-proportionality) -------------------------------------------

    [Fact]
    public void A_bank_measure_made_mandatory_is_refused_because_market_bodies_cannot_be_compelled()
    {
        var line = _copy.Replace("measures.yaml", "binding: recommended", "binding: mandatory", after: "code: bank-credit-prudence");

        CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line, "measure-nongovernment-mandatory");
    }

    [Fact]
    public void Applying_procurement_restrictions_to_the_abnormal_operations_list_exceeds_its_severity()
    {
        // Abnormal operations allows at most management measures; the 2015 memorandum restricts procurement.
        _copy.Replace("memoranda.yaml", "listTypes: [serious-untrustworthy-market]", "listTypes: [serious-untrustworthy-market, abnormal-operations]");
        var line = _copy.LineOf("memoranda.yaml", "- restrict-government-procurement", after: "code: untrustworthy-enterprises-2015");

        var problem = CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "measure-exceeds-list-severity");
        Assert.Contains("abnormal-operations", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disciplinary_measure_on_a_red_list_is_refused()
    {
        var line = _copy.Replace("memoranda.yaml", "      - green-channel\n", "      - green-channel\n      - restrict-government-procurement\n") + 1;

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "measure-kind-mismatch");
    }

    [Fact]
    public void A_memorandum_not_signed_by_the_designating_department_is_refused()
    {
        _copy.Replace("memoranda.yaml", "departments: [ndrc, sta, pboc, mof, samr, csrc, mohrss, mnr]",
            "departments: [ndrc, pboc, mof, samr, csrc, mohrss, mnr]", after: "code: serious-tax-violators-2016");
        var line = _copy.LineOf("memoranda.yaml", "listTypes: [serious-tax-violators]");

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "memorandum-initiator-missing");
    }

    [Fact]
    public void A_restriction_measure_without_matters_is_refused()
    {
        var line = _copy.Replace("measures.yaml", "matters: [government-procurement]", "matters: []", after: "code: restrict-government-procurement");

        CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line, "measure-matters-missing");
    }

    [Fact]
    public void A_green_channel_dating_histories_from_a_category_the_catalog_does_not_define_is_refused()
    {
        var line = _copy.Replace("measures.yaml", "establishedBy: [registration]", "establishedBy: [incorporation]");

        CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line, "reference-unknown");
    }

    [Fact]
    public void A_green_channel_on_a_disciplinary_measure_is_refused()
    {
        var line = _copy.Replace("measures.yaml", "    reachesResponsiblePersons: false\n",
            "    reachesResponsiblePersons: false\n    greenChannel: { cleanPeriod: P3Y, subjectKinds: [organisation] }\n",
            after: "code: restrict-land-supply") + 1;

        CatalogAssert.HasProblem(_copy.Load(), "measures.yaml", line, "measure-green-channel-invalid");
    }

    // ---- list types (docs/domain.md#lists) -----------------------------------------------------------------------------

    [Fact]
    public void A_designation_standard_open_for_comment_for_twenty_days_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "commentPeriodDays: 30", "commentPeriodDays: 20", after: "code: abnormal-operations");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "standard-comment-period-too-short");
    }

    [Fact]
    public void A_five_year_list_term_without_its_own_legal_basis_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "maxTerm: P3Y", "maxTerm: P5Y", after: "code: serious-tax-violators");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-term-too-long");
    }

    [Fact]
    public void The_judgment_defaulter_extension_stands_only_on_its_specific_legal_basis()
    {
        var line = _copy.LineOf("list-types.yaml", "maxTerm: P5Y", after: "code: judgment-defaulters");
        _copy.Replace("list-types.yaml", "    termLegalBasis:\n", "    termLegalBasisRemoved:\n", after: "code: judgment-defaulters");

        var result = _copy.Load();

        CatalogAssert.HasProblem(result, "list-types.yaml", line, "list-term-too-long");
        CatalogAssert.HasProblem(result, "list-types.yaml", line + 1, "yaml-unknown-field");
    }

    [Fact]
    public void A_default_term_longer_than_the_maximum_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "defaultTerm: P1Y", "defaultTerm: P2Y", after: "code: a-grade-taxpayers");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-default-term-exceeds-max");
    }

    [Fact]
    public void An_association_cannot_designate_a_list()
    {
        var line = _copy.Replace("list-types.yaml", "designatingDepartments: [samr]", "designatingDepartments: [china-banking-association]",
            after: "code: abnormal-operations");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-designator-nongovernment");
    }

    [Fact]
    public void A_red_list_published_under_a_negative_category_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "category: honours", "category: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-category-polarity-mismatch");
    }

    [Fact]
    public void A_list_without_an_objection_window_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "objectionWindowWorkingDays: 10", "objectionWindowWorkingDays: 0");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "objection-window-too-short");
    }

    [Fact]
    public void An_objection_review_period_shorter_than_one_working_day_is_refused()
    {
        var line = _copy.Replace("catalog.yaml", "reviewWorkingDays: 10", "reviewWorkingDays: 0");

        CatalogAssert.HasProblem(_copy.Load(), "catalog.yaml", line, "objection-review-too-short");
    }

    [Fact]
    public void A_catalog_without_an_objection_review_period_is_refused()
    {
        _copy.Replace("catalog.yaml", "objections:\n  reviewWorkingDays: 10", "");

        var result = _copy.Load();

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p is { File: "catalog.yaml", Code: "field-required" } && p.Message.Contains("objections", StringComparison.Ordinal));
    }

    [Fact]
    public void A_term_that_is_not_an_iso_duration_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "maxTerm: P3Y", "maxTerm: 3 years");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "duration-invalid");
    }

    [Fact]
    public void A_standard_taking_effect_before_its_publication_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "effective: 2021-09-01", "effective: 2021-07-01");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "standard-dates-invalid");
    }

    [Fact]
    public void A_list_designating_individuals_under_a_category_about_organisations_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "subjectKinds: [organisation]", "subjectKinds: [organisation, individual]",
            after: "code: abnormal-operations");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-subjects-outside-category");
    }

    [Fact]
    public void A_date_that_does_not_exist_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "published: 2021-07-30", "published: 2021-02-30");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "date-invalid");
    }

    [Fact]
    public void A_memorandum_without_measures_is_refused()
    {
        var line = _copy.Replace("memoranda.yaml",
            "    measures:\n      - green-channel\n      - tolerance-acceptance\n      - fewer-inspections\n      - priority-grants\n      - tax-service-facilitation\n      - publish-honour\n",
            "    measures: []\n");

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "memorandum-incomplete");
    }

    [Fact]
    public void A_memorandum_naming_a_measure_twice_is_refused()
    {
        var line = _copy.Replace("memoranda.yaml", "      - publish-honour\n", "      - publish-honour\n      - green-channel\n") + 1;

        CatalogAssert.HasProblem(_copy.Load(), "memoranda.yaml", line, "code-duplicate");
    }

    // ---- publicity (docs/domain.md#publicity-periods) ------------------------------------------------------------------------------

    [Fact]
    public void Serious_penalties_public_for_five_years_are_refused_as_too_long()
    {
        var line = _copy.Replace("categories.yaml", "serious: { min: P1Y, default: P3Y, max: P3Y,", "serious: { min: P1Y, default: P3Y, max: P5Y,",
            after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "publicity-too-long");
    }

    [Fact]
    public void General_penalties_public_for_less_than_three_months_are_refused_as_too_short()
    {
        var line = _copy.Replace("categories.yaml", "general: { min: P3M,", "general: { min: P1M,", after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "publicity-too-short");
    }

    [Fact]
    public void Minor_information_published_for_six_months_is_refused_as_too_long()
    {
        var line = _copy.Replace("categories.yaml", "minor: { published: false }", "minor: { default: P6M, max: P6M }", after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "publicity-too-long");
    }

    [Fact]
    public void A_default_publicity_outside_its_bounds_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "general: { min: P3M, default: P1Y,", "general: { min: P3M, default: P2M,",
            after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "publicity-default-out-of-bounds");
    }

    [Fact]
    public void Restoring_serious_information_after_six_months_is_refused_as_too_early()
    {
        var line = _copy.Replace("categories.yaml", "max: P3Y, earliestRestoration: P1Y", "max: P3Y, earliestRestoration: P6M",
            after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "restoration-too-early");
    }

    [Fact]
    public void A_negative_category_without_grades_is_refused()
    {
        var line = _copy.LineOf("categories.yaml", "    publicity:", after: "code: abnormal-operations");
        _copy.Replace("categories.yaml", "    publicity:\n      general: { min: P3M, default: P1Y, max: P1Y, earliestRestoration: P3M }\n",
            "    publicity: { whileValid: true }\n", after: "code: abnormal-operations");

        var result = _copy.Load();

        CatalogAssert.HasProblem(result, "categories.yaml", line, "publicity-missing");
        CatalogAssert.HasProblem(result, "categories.yaml", line, "publicity-conflicting");
    }

    [Fact]
    public void A_minimum_publicity_longer_than_the_maximum_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "general: { min: P3M, default: P1Y, max: P1Y,", "general: { min: P1Y, default: P1Y, max: P6M,",
            after: "code: administrative-penalty");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "publicity-bounds-inverted");
    }

    // ---- categories (docs/domain.md#the-national-catalog) -----------------------------------------------------------------------------

    [Fact]
    public void A_category_of_health_data_is_forbidden()
    {
        var line = _copy.Append("categories.yaml", """

              - code: health-status
                nationalItem: 15
                name: { zh: 从业人员体检结果, en: Employee medical examination results }
                dataClass: health
                subjects: [individual]
                individualsPublic: false
                polarity: neutral
                publicity: { whileValid: true }
                legalBasis:
                  - { law: 某条例, article: 第一条 }
            """);

        // The appended text starts with a blank line; dataClass is the 5th line of the entry.
        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line + 4, "category-forbidden");
    }

    [Fact]
    public void A_category_named_after_religious_belief_is_forbidden_whatever_its_data_class()
    {
        var line = _copy.Append("categories.yaml", """
              - code: belief
                nationalItem: 15
                name: { zh: 宗教信仰情况, en: Religious affiliation }
                dataClass: voluntary
                subjects: [individual]
                individualsPublic: false
                polarity: neutral
                publicity: { whileValid: true }
                legalBasis:
                  - { law: 某条例, article: 第一条 }
            """);

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line + 2, "category-forbidden");
    }

    [Fact]
    public void Two_national_items_with_the_same_number_are_refused()
    {
        var line = _copy.Replace("categories.yaml", "nationalItem: 14", "nationalItem: 13");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "national-item-duplicate");
    }

    [Fact]
    public void A_sub_category_under_another_national_item_than_its_parent_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "nationalItem: 2", "nationalItem: 3", after: "code: court-judgment");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "category-parent-invalid");
    }

    [Fact]
    public void Publishing_individuals_in_a_category_about_organisations_only_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "individualsPublic: false", "individualsPublic: true", after: "code: registration");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "category-individuals-public-mismatch");
    }

    // ---- calendar (docs/domain.md#deadlines-and-working-days) ------------------------------------------------------------------------------

    [Fact]
    public void A_national_day_holiday_listed_as_a_make_up_day_is_refused()
    {
        var line = _copy.Replace("calendar.yaml", "      - 2026-10-10 # Saturday, for National Day\n",
            "      - 2026-10-10 # Saturday, for National Day\n      - 2026-10-05\n") + 1;

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-holiday-and-workday");
    }

    [Fact]
    public void A_make_up_day_on_a_monday_is_refused()
    {
        var line = _copy.Replace("calendar.yaml", "- 2026-10-10 #", "- 2026-10-12 #");

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-make-up-not-weekend");
    }

    [Fact]
    public void A_date_outside_its_year_is_refused()
    {
        // 2025-01-04 was a Saturday, so only the year is wrong.
        var line = _copy.Replace("calendar.yaml", "- 2026-01-04 #", "- 2025-01-04 #");

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-date-outside-year");
    }

    [Fact]
    public void A_gap_between_calendar_years_is_refused()
    {
        var line = _copy.Replace("calendar.yaml", "year: 2027", "year: 2028");

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-year-missing");
    }

    [Fact]
    public void A_holiday_that_ends_before_it_starts_is_refused()
    {
        var line = _copy.Replace("calendar.yaml", "from: 2026-05-01, to: 2026-05-05", "from: 2026-05-05, to: 2026-05-01");

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-range-invalid");
    }

    [Fact]
    public void A_year_listed_twice_is_refused()
    {
        var line = _copy.Replace("calendar.yaml", "year: 2027", "year: 2026");

        CatalogAssert.HasProblem(_copy.Load(), "calendar.yaml", line, "calendar-year-duplicate");
    }

    // ---- files and YAML ------------------------------------------------------------------------------------

    [Fact]
    public void A_misspelt_field_is_an_unknown_field_and_the_real_one_is_missing()
    {
        var line = _copy.Replace("measures.yaml", "    binding: mandatory", "    bindng: mandatory", after: "code: restrict-land-supply");
        var item = _copy.LineOf("measures.yaml", "- code: restrict-land-supply");

        var result = _copy.Load();

        CatalogAssert.HasProblem(result, "measures.yaml", line, "yaml-unknown-field");
        CatalogAssert.HasProblem(result, "measures.yaml", item, "field-required");
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_line()
    {
        var line = _copy.Replace("departments.yaml", "    kind: court", "    kind: court: supreme");

        CatalogAssert.HasProblem(_copy.Load(), "departments.yaml", line, "yaml-invalid");
    }

    [Fact]
    public void A_malformed_departments_file_does_not_cascade_into_unknown_references()
    {
        _copy.Replace("departments.yaml", "    kind: court", "    kind: court: supreme");

        var result = _copy.Load();

        Assert.Equal("yaml-invalid", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_missing_file_and_a_misnamed_one_are_both_reported()
    {
        File.Move(Path.Combine(_copy.Directory, "memoranda.yaml"), Path.Combine(_copy.Directory, "memorandum.yaml"));

        var result = _copy.Load();

        CatalogAssert.HasProblem(result, "memoranda.yaml", 1, "file-missing");
        CatalogAssert.HasProblem(result, "memorandum.yaml", 1, "file-unknown");
        Assert.Equal(2, result.Problems.Count);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_reported_not_thrown()
    {
        var result = CatalogLoader.Load(Path.Combine(_copy.Directory, "nowhere"));

        Assert.Equal("catalog-not-found", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_problem_prints_as_file_line_code_message()
    {
        var problem = new CatalogProblem("measures.yaml", 12, "legal-basis-missing", "no law");

        Assert.Equal("measures.yaml:12: legal-basis-missing: no law", problem.ToString());
    }

    [Fact]
    public void An_invalid_catalog_yields_no_catalog_and_throws_catalog_invalid_on_demand()
    {
        _copy.Replace("departments.yaml", "code: pboc", "code: ndrc");

        var result = _copy.Load();

        Assert.Null(result.Catalog);
        var error = Assert.Throws<PublicCredit.Errors.DomainException>(result.GetCatalogOrThrow);
        Assert.Equal("catalog-invalid", error.Code);
        Assert.Contains(error.Errors, e => e.Code == "code-duplicate");
    }
}
