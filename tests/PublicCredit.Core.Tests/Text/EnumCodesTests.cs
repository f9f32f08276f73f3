using System.Reflection;
using PublicCredit.Designations;
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
        Assert.Equal(["noticed", "effective", "suspended", "revoked", "restored", "expired", "removed"], EnumCodes.All<DesignationStatus>());
        Assert.Equal(EnumCodes.All<DesignationStatus>(), ListDesignations.Statuses);
    }
}
