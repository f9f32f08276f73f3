using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using static System.Globalization.CultureInfo;

namespace PublicCredit.Demo;

/// <summary>
/// The record being made, handed to a <see cref="Scenario"/> to fill in its texts and amount. One instance is reused
/// for every record of an enumeration, so making a record allocates only the strings it keeps.
/// </summary>
internal sealed class RecordDraft(Random random)
{
    public Random Random { get; } = random;

    public SyntheticSubject Subject { get; private set; } = null!;

    public DateOnly Date { get; private set; }

    public NegativeGrade? Severity { get; private set; }

    public string? Facts { get; set; }

    public string? Content { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>Illegal gains in 元 when the facts state them, so the content confiscates the same sum.</summary>
    public string? Gain { get; set; }

    public Division Division => Subject.Division;

    public bool IsOrganisation => Subject.Kind == SubjectKind.Organisation;

    public Sector Sector => Subject.Sector;

    /// <summary>
    /// Fines and sums scale with the subject: a person or a corner shop is fined a tenth of what a company is for
    /// the same grade, a cooperative about a third.
    /// </summary>
    public double Scale => Sector switch
    {
        Sector.Person or Sector.Shop => 0.1,
        Sector.Farming => 0.3,
        _ => 1.0,
    };

    public int Year => Date.Year;

    public void Start(SyntheticSubject subject, DateOnly date, NegativeGrade? severity)
    {
        Subject = subject;
        Date = date;
        Severity = severity;
        Facts = null;
        Content = null;
        Amount = null;
        Gain = null;
    }

    public string Pick(IReadOnlyList<string> items) => items[Random.Next(items.Count)];

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>], both inclusive.</summary>
    public int Int(int min, int max) => Random.Next(min, max + 1);

    /// <summary>
    /// An amount in 万元 with exactly two decimals (scale 2, so it prints as 1.50, not 1.5), log-uniform between the
    /// bounds: fines and sums in dispute spread over orders of magnitude, and small ones are the common case.
    /// </summary>
    public decimal Wan(double min, double max)
    {
        var value = Math.Exp(Math.Log(min) + (Random.NextDouble() * (Math.Log(max) - Math.Log(min))));
        var cents = Math.Max(1, (int)Math.Round(value * 100, MidpointRounding.AwayFromZero));
        return new decimal(cents, 0, 0, isNegative: false, scale: 2);
    }

    /// <summary>A 万元 amount written in 元 as Chinese decisions do: 1.50 → 15000.</summary>
    public static string Yuan(decimal wan) => (wan * 10_000m).ToString("0", InvariantCulture);

    /// <summary>A whole number of 元, log-uniform between the bounds (given in 元).</summary>
    public string YuanBetween(int min, int max) =>
        ((long)Math.Exp(Math.Log(min) + (Random.NextDouble() * (Math.Log(max) - Math.Log(min))))).ToString(InvariantCulture);

    /// <summary>A period of 1–12 months that ended 2–14 months before the decision: 2024年1月至2024年6月.</summary>
    public string Period()
    {
        var end = Date.AddMonths(-Int(2, 14));
        var start = end.AddMonths(-Int(0, 11));
        return string.Create(InvariantCulture, $"{start.Year}年{start.Month}月至{end.Year}年{end.Month}月");
    }

    /// <summary>A date <paramref name="years"/> after the decision, for a licence's term.</summary>
    public string YearsLater(int years) => Date.AddYears(years).AddDays(-1).ToString("yyyy-MM-dd", InvariantCulture);

    public string Digits(int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + Random.Next(10));
        }

        return new string(digits);
    }

    /// <summary>What a factory makes: from its industry, or generic metal goods when it has none on record.</summary>
    public string Product() => Subject.Industry?.Products is { } products ? Pick(products) : "金属制品";

    /// <summary>A factory investment project making what the subject makes: 年产3000吨涂料建设项目.</summary>
    public string FactoryProject()
    {
        var unit = Subject.Industry?.Unit ?? "吨";
        return Random.Next(3) switch
        {
            0 => string.Create(InvariantCulture, $"年产{Int(1, 50) * 1_000}{unit}{Product()}建设项目"),
            1 => $"{Division.District}{ChineseNames.TradeName(Random)}工业园{Product()}扩建项目",
            _ => string.Create(InvariantCulture, $"年产{Int(1, 30) * 100}{unit}{Product()}生产线技术改造项目"),
        };
    }

    /// <summary>A construction project in the subject's region: 杭州瑞丰花园二期3号楼工程.</summary>
    public string Project()
    {
        var trade = ChineseNames.TradeName(Random);
        return Random.Next(6) switch
        {
            0 => string.Create(InvariantCulture, $"{Division.Region}{trade}花园二期{Int(1, 28)}号楼工程"),
            1 => $"{Division.District}{trade}安置房项目",
            2 => $"{Division.Region}{trade}产业园厂房工程",
            3 => $"{Division.Region}{trade}商业综合体工程",
            4 => $"{Division.District}{Pick(["第一", "实验", "城东", "城南"])}小学改扩建工程",
            _ => $"{Division.District}{Pick(["中山路", "人民路", "建设路", "解放路"])}道路改造工程",
        };
    }
}
