using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>The one record validator of every entry path (docs/api.md#records): each rule refused with its field and code.</summary>
public class RecordValidatorTests
{
    private static (string Field, string Code) Only(RecordInput input)
    {
        var result = Validate(input);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        return (error.Field, error.Code);
    }

    [Fact]
    public void A_complete_penalty_is_valid_and_normalised()
    {
        var record = Valid(Penalty() with { SubjectId = " ９１３５０１００m０００１００y４３ ", SubjectName = "  福州示例食品有限公司\u3000" });

        Assert.Equal(OrganisationId, record.Subject.Value);
        Assert.Equal("福州示例食品有限公司", record.SubjectName);
        Assert.Equal(NegativeGrade.General, record.Severity);
        Assert.Equal(12.5m, record.Amount);
    }

    [Fact]
    public void Every_problem_of_a_record_is_reported_not_only_the_first()
    {
        var result = Validate(new RecordInput
        {
            Category = "administrative-penalty",
            SubjectId = "91350100M000100Y44",
            DecisionDate = "2026-13-01",
            Amount = "-1",
        });

        Assert.Equal(
            [
                ("subject.id", "subject-id-invalid"),
                ("subject.name", "subject-name-missing"),
                ("documentNumber", "record-document-number-missing"),
                ("decisionDate", "record-decision-date-invalid"),
                ("severity", "record-severity-missing"),
                ("legalBasis", "record-legal-basis-missing"),
                ("amount", "record-amount-invalid"),
            ],
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Theory]
    [InlineData("no-such-category")]
    [InlineData("")]
    [InlineData(null)]
    public void A_category_outside_the_catalog_is_refused(string? category) =>
        Assert.Equal(("category", "record-unknown-category"), Only(Penalty() with { Category = category }));

    [Fact]
    public void A_subject_id_with_a_wrong_check_character_is_refused_with_the_reason()
    {
        var error = Assert.Single(Validate(Penalty() with { SubjectId = "91350100M000100Y44" }).Errors);

        Assert.Equal(("subject.id", "subject-id-invalid"), (error.Field, error.Code));
        Assert.Contains("id-check-character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_individual_under_a_category_only_for_organisations_is_refused()
    {
        var input = Licence() with { Category = "registration", SubjectId = PersonId, SubjectName = "李四" };

        Assert.Equal(("subject.id", "subject-kind-not-allowed"), Only(input));
    }

    [Fact]
    public void A_resident_id_slip_that_reads_as_a_uscc_is_caught_when_the_record_says_it_names_an_individual()
    {
        // ADR 0002: one wrong digit in a resident ID can pass both USCC checks.
        Assert.True(SubjectId.TryParse("360402198001010298", Today, out var person));
        Assert.Equal(SubjectKind.Individual, person.Kind);
        Assert.True(SubjectId.TryParse("360402198001010299", Today, out var slip));
        Assert.Equal(SubjectKind.Organisation, slip.Kind);

        var input = Penalty() with { SubjectId = "360402198001010299", SubjectName = "王五", SubjectKind = "individual" };

        Assert.Equal(("subject.id", "subject-kind-mismatch"), Only(input));
    }

    [Fact]
    public void A_declared_kind_the_category_does_not_allow_is_refused_even_when_the_id_is_unreadable()
    {
        var result = Validate(Licence() with { Category = "registration", SubjectId = "bad", SubjectKind = "individual" });

        Assert.Equal(
            [("subject.id", "subject-id-invalid"), ("subject.kind", "subject-kind-not-allowed")],
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void An_unknown_subject_kind_is_refused() =>
        Assert.Equal(("subject.kind", "subject-kind-invalid"), Only(Penalty() with { SubjectKind = "company" }));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_subject_without_a_name_is_refused(string? name) =>
        Assert.Equal(("subject.name", "subject-name-missing"), Only(Penalty() with { SubjectName = name }));

    [Fact]
    public void A_record_without_a_document_number_is_refused() =>
        Assert.Equal(("documentNumber", "record-document-number-missing"), Only(Penalty() with { DocumentNumber = " " }));

    [Fact]
    public void A_record_without_a_decision_date_is_refused() =>
        Assert.Equal(("decisionDate", "record-decision-date-missing"), Only(Penalty() with { DecisionDate = null }));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026/09/28")]
    [InlineData("28.09.2026")]
    [InlineData("2026-9-28")]
    public void A_decision_date_that_is_not_a_calendar_date_is_refused(string date) =>
        Assert.Equal(("decisionDate", "record-decision-date-invalid"), Only(Penalty() with { DecisionDate = date }));

    [Fact]
    public void A_decision_dated_tomorrow_in_china_is_refused_and_today_is_accepted()
    {
        Assert.Equal(("decisionDate", "record-decision-date-in-future"), Only(Penalty() with { DecisionDate = "2026-11-24" }));
        Assert.Equal(Today, Valid(Penalty() with { DecisionDate = "2026-11-23" }).DecisionDate);
    }

    [Fact]
    public void A_negative_record_without_severity_is_refused() =>
        Assert.Equal(("severity", "record-severity-missing"), Only(Penalty() with { Severity = null }));

    [Fact]
    public void Severity_on_a_neutral_record_is_refused() =>
        Assert.Equal(("severity", "record-severity-not-applicable"), Only(Licence() with { Severity = "general" }));

    [Fact]
    public void A_severity_that_is_not_a_grade_is_refused() =>
        Assert.Equal(("severity", "record-severity-invalid"), Only(Penalty() with { Severity = "catastrophic" }));

    [Fact]
    public void A_grade_the_category_does_not_define_is_refused()
    {
        // Judgment defaulters are only ever serious.
        var input = Penalty() with { Category = "court-enforcement", Severity = "general" };

        Assert.Equal(("severity", "record-severity-not-in-category"), Only(input));
    }

    [Fact]
    public void Chinese_grade_names_of_national_data_are_understood() =>
        Assert.Equal(NegativeGrade.Serious, Valid(Penalty() with { Severity = "严重" }).Severity);

    [Fact]
    public void A_record_without_legal_basis_is_refused() =>
        Assert.Equal(("legalBasis", "record-legal-basis-missing"), Only(Penalty() with { LegalBasis = "" }));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("abc")]
    [InlineData("1.0000001")] // below one cent of a 万元
    [InlineData("1000000000000")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    public void An_amount_that_is_not_a_non_negative_number_of_wan_yuan_is_refused(string amount) =>
        Assert.Equal(("amount", "record-amount-invalid"), Only(Penalty() with { Amount = amount }));

    [Theory]
    [InlineData("0", "0")]
    [InlineData("12.500000", "12.5")]
    [InlineData("1.5e2", "150")]
    public void Amounts_are_read_as_decimals(string amount, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Valid(Penalty() with { Amount = amount }).Amount);

    [Fact]
    public void A_public_until_that_is_not_a_date_is_refused() =>
        Assert.Equal(("publicUntil", "record-public-until-invalid"), Only(Penalty() with { PublicUntil = "next year" }));

    [Theory]
    [InlineData("subject.name", 200)]
    [InlineData("documentNumber", 100)]
    [InlineData("legalBasis", 2000)]
    [InlineData("facts", 10000)]
    [InlineData("content", 10000)]
    [InlineData("legalRepresentative", 100)]
    public void Every_text_field_has_a_length_limit_and_one_character_more_is_refused(string field, int max)
    {
        Assert.True(Validate(With(field, new string('字', max))).IsValid);

        Assert.Equal((field, "record-field-too-long"), Only(With(field, new string('字', max + 1))));
    }

    [Fact]
    public void A_fifty_megabyte_field_is_refused_without_being_normalised()
    {
        var huge = new string('x', 50 * 1024 * 1024);

        var error = Assert.Single(Validate(Penalty() with { Facts = huge }).Errors);

        Assert.Equal(("facts", "record-field-too-long"), (error.Field, error.Code));
        Assert.True(error.Message.Length < 200);
    }

    [Theory]
    [InlineData("facts", "违法\u0000事实")] // PostgreSQL cannot store NUL in text
    [InlineData("subject.name", "示例\n公司")] // a name is one line
    [InlineData("documentNumber", "罚\u0007字")]
    public void Control_characters_are_refused(string field, string value) =>
        Assert.Equal((field, "record-field-character-invalid"), Only(With(field, value)));

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var broken = "罚款" + (char)0xD800 + "元";

        Assert.Equal(("content", "record-field-character-invalid"), Only(Penalty() with { Content = broken }));
        Assert.True(Validate(Penalty() with { Content = "罚款𠀀元" }).IsValid); // a proper surrogate pair is fine
    }

    [Fact]
    public void Multi_line_text_keeps_its_lines_with_unix_line_ends() =>
        Assert.Equal("第一行\n第二行\t完", Valid(Penalty() with { Facts = "第一行\r\n第二行\t完\r\n" }).Facts);

    [Fact]
    public void Read_errors_of_a_field_are_reported_once_and_that_field_is_not_judged_again()
    {
        var input = Penalty() with
        {
            LegalBasis = null,
            ReadErrors = [new("legalBasis", "record-field-type-invalid", "legalBasis must be a string")],
        };

        Assert.Equal(("legalBasis", "record-field-type-invalid"), Only(input));
    }

    [Fact]
    public void A_correction_needs_a_reason()
    {
        var errors = new List<PublicCredit.Errors.FieldError>();

        Assert.Null(RecordValidator.Reason("  ", unreadable: false, errors));
        Assert.Equal(("reason", "correction-reason-missing"), (errors[0].Field, errors[0].Code));
    }

    private static RecordInput With(string field, string value) => field switch
    {
        "subject.name" => Penalty() with { SubjectName = value },
        "documentNumber" => Penalty() with { DocumentNumber = value },
        "legalBasis" => Penalty() with { LegalBasis = value },
        "facts" => Penalty() with { Facts = value },
        "content" => Penalty() with { Content = value },
        "legalRepresentative" => Penalty() with { LegalRepresentative = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
