using System.Text;
using System.Text.RegularExpressions;
using PublicCredit.Catalog;
using PublicCredit.Core.Tests.Identifiers;
using PublicCredit.Demo;
using PublicCredit.Identifiers;

namespace PublicCredit.Core.Tests.Demo;

public class SyntheticDataTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private static readonly SyntheticDataOptions Options = new(Subjects: 2_000, Records: 20_000, Seed: 7, AsOf);

    // One data set for the read-only checks: generating it is the expensive part.
    private static readonly SyntheticDataSet Data = new(DemoCatalog.Default, Options);
    private static readonly IReadOnlyList<SyntheticRecord> Records = [.. Data.Records()];

    [Fact]
    public void The_same_seed_gives_the_same_subjects_and_the_same_file()
    {
        var again = new SyntheticDataSet(DemoCatalog.Default, Options);

        Assert.Equal(Data.Subjects.Select(s => s.Id.Value), again.Subjects.Select(s => s.Id.Value));
        Assert.Equal(Csv(Data), Csv(again));
    }

    [Fact]
    public void Enumerating_the_records_twice_gives_the_same_records()
    {
        Assert.Equal(Records, Data.Records());
    }

    [Fact]
    public void A_different_seed_gives_different_subjects_and_a_different_file()
    {
        var other = new SyntheticDataSet(DemoCatalog.Default, Options with { Seed = 8 });

        Assert.Empty(Data.Subjects.Select(s => s.Id.Value).Intersect(other.Subjects.Select(s => s.Id.Value)));
        Assert.NotEqual(Csv(Data), Csv(other));
    }

    [Fact]
    public void Every_subject_id_parses_as_the_kind_it_was_generated_as()
    {
        Assert.All(Data.Subjects, subject =>
        {
            Assert.True(SubjectId.TryParse(subject.Id.Value, AsOf, out var parsed, out var problem), problem?.ToString());
            Assert.Equal(subject.Kind, parsed.Kind);
        });
        var kinds = Data.Subjects.ToDictionary(s => s.Id.Value, s => s.Kind);
        Assert.All(Records, record =>
        {
            Assert.True(SubjectId.TryParse(record.SubjectId, AsOf, out var parsed));
            Assert.Equal(kinds[record.SubjectId], parsed.Kind);
        });
    }

    [Fact]
    public void Subject_ids_are_unique()
    {
        Assert.Equal(Data.Subjects.Count, Data.Subjects.Select(s => s.Id.Value).Distinct().Count());
    }

    [Fact]
    public void Every_generated_USCC_passes_both_checks_and_is_a_market_regulation_code_of_a_real_division()
    {
        var organisations = Data.Subjects.Where(s => s.Kind == SubjectKind.Organisation).Select(s => s.Id.Value).ToList();

        Assert.NotEmpty(organisations);
        Assert.All(organisations, uscc =>
        {
            // Checked again by the tests' independent restatement of GB 32100 / GB 11714.
            Assert.True(Reference.IsValidUscc(uscc), uscc);
            Assert.Equal('9', uscc[0]);
            Assert.Contains(uscc[1], "123");
            Assert.Contains(uscc[2..8], DivisionCodes);
        });
    }

    [Fact]
    public void Every_resident_id_passes_its_check_with_a_real_division_and_an_adult_birth_date()
    {
        var individuals = Data.Subjects.Where(s => s.Kind == SubjectKind.Individual).ToList();

        Assert.NotEmpty(individuals);
        Assert.All(individuals, subject =>
        {
            var id = subject.Id.AsResidentId!;
            Assert.True(Reference.IsValidResidentId(id.Value, AsOf));
            Assert.Contains(id.Division, DivisionCodes);
            Assert.InRange(id.BirthDate, new DateOnly(1950, 1, 1), new DateOnly(2004, 12, 31));
            Assert.InRange(id.Sequence, 1, 999);
            Assert.Null(subject.LegalRepresentative);
            Assert.Null(subject.Address);
        });
    }

    [Fact]
    public void About_85_percent_of_subjects_are_organisations_each_with_a_legal_representative_and_an_address()
    {
        var organisations = Data.Subjects.Where(s => s.Kind == SubjectKind.Organisation).ToList();

        Assert.InRange(organisations.Count / (double)Data.Subjects.Count, 0.80, 0.90);
        Assert.All(organisations, o =>
        {
            Assert.Matches(ChineseName(), o.LegalRepresentative);
            Assert.Matches("^.+(省|市|自治区).+(区|县|市).+(路|街|大道)\\d+号", o.Address);
            Assert.Matches("(有限公司|有限责任公司|股份有限公司|店|馆|超市|专业合作社)$", o.Name);
            Assert.StartsWith(o.DivisionCode, o.Id.Value[2..8], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Individuals_have_Chinese_names()
    {
        Assert.All(Data.Subjects.Where(s => s.Kind == SubjectKind.Individual), s => Assert.Matches(ChineseName(), s.Name));
    }

    [Fact]
    public void Every_category_is_in_the_catalog_and_allows_the_subjects_kind()
    {
        var kinds = Data.Subjects.ToDictionary(s => s.Id.Value, s => s.Kind);

        Assert.All(Records, record =>
        {
            Assert.True(DemoCatalog.Default.Categories.TryGet(record.Category, out var category), record.Category);
            Assert.Contains(kinds[record.SubjectId], category.Subjects);
        });
    }

    [Fact]
    public void Every_department_is_in_the_catalog()
    {
        Assert.All(Records, r => Assert.True(DemoCatalog.Default.Departments.Contains(r.Department), r.Department));
    }

    [Fact]
    public void Licensing_and_penalties_dominate_and_the_rarer_categories_all_occur()
    {
        var shares = Records.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count() / (double)Records.Count);

        Assert.True(shares["administrative-licensing"] + shares["administrative-penalty"] > 0.6);
        Assert.All(
            ["court-enforcement", "tax-violation", "honours", "contract-performance", "abnormal-operations"],
            code => Assert.InRange(shares.GetValueOrDefault(code), 0.005, 0.15));
    }

    [Fact]
    public void Decision_dates_lie_in_the_three_years_up_to_as_of_and_never_after_it()
    {
        Assert.All(Records, r => Assert.InRange(r.DecisionDate, AsOf.AddYears(-3).AddDays(1), AsOf));

        // The whole window is used, not a corner of it.
        Assert.True(Records.Min(r => r.DecisionDate) < AsOf.AddYears(-3).AddDays(10));
        Assert.True(Records.Max(r => r.DecisionDate) > AsOf.AddDays(-10));
    }

    [Fact]
    public void Decisions_fall_on_working_days()
    {
        var calendar = DemoCatalog.Default.Calendar;

        Assert.All(Records, r => Assert.True(
            calendar.Covers(r.DecisionDate)
                ? calendar.IsWorkingDay(r.DecisionDate)
                : r.DecisionDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
            r.ToString()));
    }

    [Fact]
    public void Document_numbers_are_unique_per_department()
    {
        var duplicates = Records.GroupBy(r => (r.Department, r.DocumentNumber)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Document_numbers_have_the_real_style_and_the_decision_year()
    {
        Assert.All(Records, r =>
        {
            var year = r.DecisionDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (r.Department == "spc")
            {
                // （2025）浙0106执1234号
                Assert.Matches($"^（{year}）[京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新]\\d{{4}}执[1-9]\\d*号$", r.DocumentNumber);
            }
            else
            {
                // 杭市监罚〔2026〕1234号
                Assert.Matches($"^\\p{{IsCJKUnifiedIdeographs}}+〔{year}〕[1-9]\\d*号$", r.DocumentNumber);
            }
        });
    }

    [Fact]
    public void Severity_is_set_exactly_for_negative_categories_to_a_grade_the_category_defines()
    {
        Assert.All(Records, r =>
        {
            var category = DemoCatalog.Default.Categories[r.Category];
            if (category.Polarity == Polarity.Negative)
            {
                Assert.NotNull(r.Severity);
                Assert.True(category.Publicity.Grades.ContainsKey(r.Severity.Value), r.ToString());
            }
            else
            {
                Assert.Null(r.Severity);
            }
        });
    }

    [Fact]
    public void Penalty_severities_are_about_one_fifth_minor_three_fifths_general_one_fifth_serious()
    {
        var penalties = Records.Where(r => r.Category == "administrative-penalty").ToList();
        double Share(NegativeGrade grade) => penalties.Count(r => r.Severity == grade) / (double)penalties.Count;

        Assert.True(penalties.Count > 3_000);
        Assert.InRange(Share(NegativeGrade.Minor), 0.17, 0.23);
        Assert.InRange(Share(NegativeGrade.General), 0.56, 0.64);
        Assert.InRange(Share(NegativeGrade.Serious), 0.17, 0.23);
    }

    [Fact]
    public void Amounts_are_fines_in_ten_thousand_yuan_with_two_decimals_on_penalty_decisions_only()
    {
        Assert.All(Records, r =>
        {
            if (r.Amount is { } amount)
            {
                Assert.True(r.Category is "administrative-penalty" or "tax-violation", r.ToString());
                Assert.True(amount > 0);
                Assert.Equal(2, amount.Scale);
            }
        });

        // Serious penalties always carry a fine.
        Assert.All(Records.Where(r => r.Category == "administrative-penalty" && r.Severity == NegativeGrade.Serious),
            r => Assert.NotNull(r.Amount));
    }

    [Fact]
    public void Legal_basis_is_the_categorys_and_facts_and_content_are_Chinese_sentences()
    {
        Assert.All(Records, r =>
        {
            var category = DemoCatalog.Default.Categories[r.Category];
            Assert.Equal(string.Join("；", category.LegalBasis.Select(b => b.ToString())), r.LegalBasis);
            Assert.Matches("。$", r.Facts);
            Assert.Matches("。$", r.Content);
        });
    }

    [Fact]
    public void Organisation_records_name_the_legal_representative_and_individual_records_do_not()
    {
        var subjects = Data.Subjects.ToDictionary(s => s.Id.Value);

        Assert.All(Records, r =>
        {
            var subject = subjects[r.SubjectId];
            Assert.Equal(subject.Name, r.SubjectName);
            Assert.Equal(subject.LegalRepresentative, r.LegalRepresentative);
            Assert.Equal(subject.Kind == SubjectKind.Organisation, r.LegalRepresentative is not null);
        });
    }

    [Fact]
    public void Public_until_is_left_for_the_platform_to_default()
    {
        Assert.All(Records, r => Assert.Null(r.PublicUntil));
    }

    [Fact]
    public void A_few_subjects_have_many_records()
    {
        var perSubject = Records.GroupBy(r => r.SubjectId).Select(g => g.Count()).OrderDescending().ToList();
        var topPercent = perSubject.Take(Data.Subjects.Count / 100).Sum();

        Assert.True(topPercent > Records.Count * 0.05, $"the top 1% of subjects hold {topPercent} records");
        Assert.True(perSubject[0] > 20 * Records.Count / Data.Subjects.Count, $"the busiest subject has {perSubject[0]} records");
    }

    [Fact]
    public void Zero_records_is_an_empty_stream_and_the_subjects_are_still_generated()
    {
        var data = new SyntheticDataSet(DemoCatalog.Default, Options with { Subjects = 10, Records = 0 });

        Assert.Empty(data.Records());
        Assert.Equal(10, data.Subjects.Count);
    }

    [Fact]
    public void Impossible_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticDataSet(DemoCatalog.Default, Options with { Subjects = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticDataSet(DemoCatalog.Default, Options with { Records = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticDataSet(DemoCatalog.Default, Options with { AsOf = new(1999, 12, 31) }));
    }

    // The real county-level divisions the generator draws from, restated so a slip in either list shows.
    private static readonly string[] DivisionCodes =
    [
        "110101", "110105", "110108", "120101", "120116", "130102", "140105", "150102", "210102", "220102", "230102",
        "310101", "310104", "310115", "320102", "320505", "320583", "330102", "330106", "330212", "330282", "330782",
        "340104", "350203", "350582", "360102", "370102", "370202", "410105", "420106", "430104", "440106", "440304",
        "440305", "450103", "460105", "500103", "510104", "510107", "520102", "530102", "540102", "610113", "620102",
        "630102", "640104", "650102",
    ];

    private static Regex ChineseName() => new("^\\p{IsCJKUnifiedIdeographs}{2,4}$");

    private static string Csv(SyntheticDataSet data)
    {
        using var writer = new StringWriter(new StringBuilder());
        SyntheticRecordWriter.WriteCsv(data.Records(), writer, TestContext.Current.CancellationToken);
        return writer.ToString();
    }
}
