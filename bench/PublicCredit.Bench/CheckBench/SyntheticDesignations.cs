using System.Globalization;
using PublicCredit.Enforcement;
using PublicCredit.Identifiers;

namespace PublicCredit.Bench.CheckBench;

/// <summary>One synthetic designation: the index's row plus what the database needs (kind, department).</summary>
internal sealed record SyntheticDesignation(EnforcedRow Row, bool Individual, string Department);

/// <summary>
/// A synthetic enforcement data set (docs/performance.md#checks benchmark: 1M subjects, 2M designations, a realistic mix): 80 %
/// organisations, 20 % individuals; every subject has at least one designation, the second million go to random
/// subjects (so 1–4 per subject, most 1–2); organisations mostly on the black lists (judgment defaulters 35 %,
/// abnormal operations 25 %, serious market violators 20 %, serious tax violators 15 %) and 5 % on the A-grade taxpayer
/// red list; individuals judgment defaulters (80 %) or tax violators (20 %); 40 % of the organisations' designations on
/// lists that reach persons name their legal representative, a tenth of those also a directly responsible person,
/// from a pool of 300k people. Effective within the last 1000 days, a 3-year term (so some have already ended).
/// All identifiers valid (check characters computed), deterministic for a seed.
/// </summary>
internal static class SyntheticDesignations
{
    public const int PersonPool = 300_000;
    private static readonly string[] Divisions = ["350100", "110108", "440106", "310104", "330106"];
    private static readonly string[] PersonDivisions = ["350102", "110101", "440106", "310104", "330106"];

    private static readonly (string List, string Department, int Weight)[] OrganisationLists =
    [
        ("judgment-defaulters", "spc", 35), ("abnormal-operations", "samr", 25), ("serious-untrustworthy-market", "samr", 20),
        ("serious-tax-violators", "sta", 15), ("a-grade-taxpayers", "sta", 5),
    ];

    private static readonly (string List, string Department, int Weight)[] IndividualLists =
    [
        ("judgment-defaulters", "spc", 80), ("serious-tax-violators", "sta", 20),
    ];

    /// <summary>The <paramref name="i"/>-th organisation: 91 + division + an 8-digit body + both check characters.</summary>
    public static string Organisation(int i)
    {
        Span<char> code = stackalloc char[18];
        code[0] = '9';
        code[1] = '1';
        Divisions[i % Divisions.Length].AsSpan().CopyTo(code[2..]);
        (i / Divisions.Length).TryFormat(code.Slice(8, 8), out _, "D8", CultureInfo.InvariantCulture);
        code[16] = Uscc.ComputeOrganisationCodeCheckCharacter(code.Slice(8, 8));
        code[17] = Uscc.ComputeCheckCharacter(code[..17]);
        return new string(code);
    }

    /// <summary>The <paramref name="k"/>-th person: division + a birth date from 1960 on + sequence + check.</summary>
    public static string Person(int k)
    {
        var division = PersonDivisions[k % PersonDivisions.Length];
        var rest = k / PersonDivisions.Length;
        var birth = new DateOnly(1960, 1, 1).AddDays(rest % 15_000);
        var sequence = (rest / 15_000) + 1;
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{division}{birth:yyyyMMdd}{sequence:D3}");
        return first17 + ResidentId.ComputeCheckCharacter(first17);
    }

    /// <summary>Subject <paramref name="s"/> of <paramref name="subjects"/>: the first 80 % organisations, then individuals.</summary>
    public static (string Id, bool Individual) Subject(int s, int subjects) =>
        s < subjects * 8 / 10 ? (Organisation(s), false) : (Person(s - (subjects * 8 / 10)), true);

    public static List<SyntheticDesignation> Make(int subjects, int designations, DateTimeOffset now, int seed = 42)
    {
        var random = new Random(seed);
        var organisations = subjects * 8 / 10;
        var individuals = subjects - organisations;
        var result = new List<SyntheticDesignation>(designations);
        for (var d = 0; d < designations; d++)
        {
            var s = d < subjects ? d : random.Next(subjects);
            var individual = s >= organisations;
            var subject = individual ? Person(s - organisations) : Organisation(s);
            var (list, department, _) = Pick(random, individual ? IndividualLists : OrganisationLists);
            string[] persons = [];
            if (!individual && list is not ("abnormal-operations" or "a-grade-taxpayers") && random.Next(100) < 40)
            {
                var representative = Person(individuals + random.Next(PersonPool));
                persons = random.Next(10) == 0 ? [representative, Person(individuals + random.Next(PersonPool))] : [representative];
            }

            var from = now.AddDays(-random.Next(1000)).AddSeconds(-random.Next(86_400));
            var id = new Guid(random.Next(), (short)random.Next(), (short)random.Next(), [.. BitConverter.GetBytes(random.NextInt64())]);
            result.Add(new SyntheticDesignation(new EnforcedRow(id, list, subject, persons, from, from.AddYears(3)), individual, department));
        }

        return result;
    }

    private static (string List, string Department, int Weight) Pick(Random random, (string List, string Department, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var choice in choices)
        {
            roll -= choice.Weight;
            if (roll < 0)
            {
                return choice;
            }
        }

        return choices[^1];
    }
}
