using System.Reflection;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Identifiers;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Restorations;
using PublicCredit.Text;

namespace PublicCredit.Core.Tests.Text;

/// <summary>Enum ↔ code, one convention (<see cref="EnumCodes"/>): every member of a coded enum has exactly one code, and codes round-trip.</summary>
public class EnumCodesTests
{
    private static IEnumerable<Type> CodedEnums() =>
        typeof(CodeAttribute).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsDefined(typeof(CodeAttribute))));

    [Fact]
    public void Every_member_of_every_coded_enum_has_exactly_one_code_and_the_codes_round_trip()
    {
        var enums = CodedEnums().ToList();
        Assert.Contains(typeof(DesignationStatus), enums);
        foreach (var type in enums)
        {
            var fields = type.GetFields(BindingFlags.Public | BindingFlags.Static);
            Assert.All(fields, f => Assert.Single(f.GetCustomAttributes<CodeAttribute>()));
            var codes = fields.Select(f => f.GetCustomAttribute<CodeAttribute>()!.Code).ToList();
            Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
            Assert.All(codes, c => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", c));

            var check = typeof(EnumCodesTests).GetMethod(nameof(RoundTrips), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
            check.Invoke(null, null);
        }
    }

    private static void RoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var code = EnumCodes.Of(value);
            Assert.True(EnumCodes.TryParse<TEnum>(code, out var back));
            Assert.Equal(value, back);
        }

        Assert.False(EnumCodes.TryParse<TEnum>("no-such-code", out _));
        Assert.False(EnumCodes.TryParse<TEnum>(null, out _));
    }

    [Fact]
    public void Designation_statuses_keep_their_wire_codes()
    {
        Assert.Equal(["noticed", "effective", "suspended", "revoked", "restored", "expired", "removed", "suspended-by-conflict"], EnumCodes.All<DesignationStatus>());
        Assert.Equal(EnumCodes.All<DesignationStatus>(), ListDesignations.Statuses);
    }

    [Fact]
    public void The_other_coded_enums_keep_their_wire_codes()
    {
        Assert.Equal(["admin", "recorder", "reviewer", "checker", "auditor", "platform-admin"], EnumCodes.All<Role>());
        Assert.Equal(["operator", "activation", "designation-notice"], EnumCodes.All<SubjectTokenOrigin>());
        Assert.Equal(["legal-representative", "principal-person-in-charge", "directly-responsible", "actual-controller"], EnumCodes.All<ResponsibleRole>());
        Assert.Equal(["organisation", "individual"], EnumCodes.All<SubjectKind>());
        Assert.Equal(["open", "upheld", "rejected"], EnumCodes.All<ObjectionStatus>());
        Assert.Equal(["submitted", "accepted", "granted", "refused"], EnumCodes.All<RestorationStatus>());
        Assert.Equal(["government", "court", "non-government"], EnumCodes.All<DepartmentKind>());
        Assert.Equal(["negative", "neutral", "positive"], EnumCodes.All<Polarity>());
        Assert.Equal(
            ["legal-status", "legal-decision", "list-designation", "contract", "commitment", "evaluation", "honour", "voluntary", "political", "religious", "health", "biometric"],
            EnumCodes.All<DataClass>());
        Assert.Equal(["minor", "general", "serious"], EnumCodes.All<NegativeGrade>());
        Assert.Equal(["black", "red"], EnumCodes.All<ListKind>());
        Assert.Equal(["disciplinary", "incentive"], EnumCodes.All<MeasureKind>());
        Assert.Equal(["notice", "management", "restriction"], EnumCodes.All<MeasureSeverity>());
        Assert.Equal(["mandatory", "recommended"], EnumCodes.All<Binding>());
        Assert.Equal(["obligation-performed", "cause-corrected"], EnumCodes.All<RemovalTrigger>());
        Assert.Equal(["history-unknown", "black-entry-in-force"], EnumCodes.All<PublicCredit.Enforcement.WithholdingReason>());
    }

    [Fact]
    public void Codes_people_type_are_read_in_any_case_only_where_asked_and_never_by_member_name_or_number()
    {
        Assert.True(EnumCodes.TryParse<Role>("Platform-Admin", out var role, ignoreCase: true));
        Assert.Equal(Role.PlatformAdmin, role);
        Assert.False(EnumCodes.TryParse<Role>("Platform-Admin", out _));
        Assert.False(EnumCodes.TryParse<Role>("PlatformAdmin", out _, ignoreCase: true));
        Assert.False(EnumCodes.TryParse<Role>("1", out _, ignoreCase: true));
        Assert.Equal(Role.Reviewer, Roles.Parse("  REVIEWER "));
        Assert.True(RecordCodes.TryParseGrade("严重", out var grade));
        Assert.Equal(NegativeGrade.Serious, grade);
        Assert.True(RecordCodes.TryParseGrade("Minor", out grade));
        Assert.Equal(NegativeGrade.Minor, grade);
        Assert.False(RecordCodes.TryParseGrade("grave", out _));
    }

    /// <summary>
    /// Enums of the core that never reach the wire, the ledger or a stored text column; every other enum carries
    /// <see cref="CodeAttribute"/>, so a new enum is a decision, not a forgotten mapper.
    /// </summary>
    private static readonly string[] NotCoded =
    [
        "ErrorKind", // mapped to an HTTP status by the web layer
        "Reach", // an index slot: subject or responsible person
        "ImportPhase", "ImportFormat", // the importer's own bookkeeping and its file-type switch
        "WatchlistFormat", // a watchlist upload's body format, chosen by its Content-Type, never written
        "DateReading", // how an input date was read
        "TokenKind", // written as the token's prefix (pck_, pcs_)
        "SubmissionStatus", // answered as an HTTP status (201/200/409/422) and counted, never written as text
    ];

    [Fact]
    public void Every_enum_of_the_core_carries_its_codes_or_is_named_as_one_that_never_goes_on_the_wire()
    {
        var uncoded = typeof(CodeAttribute).Assembly.GetTypes()
            .Where(t => t.IsEnum && !CodedEnums().Contains(t) && !NotCoded.Contains(t.Name))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(uncoded.Count == 0, "Give these enums [Code] on every member, or name them in NotCoded: " + string.Join(", ", uncoded));
    }
}
