using System.Collections.Frozen;
using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using static System.Globalization.CultureInfo;

namespace PublicCredit.Demo;

/// <summary>What to generate.</summary>
/// <param name="Subjects">How many subjects (at least 1); about 85% organisations, 15% individuals.</param>
/// <param name="Records">How many records (0 or more); they are made one at a time, never all held at once.</param>
/// <param name="Seed">The same seed, catalog and options give the same data, byte for byte.</param>
/// <param name="AsOf">
/// The day the data is "as of": decision dates lie in the three years up to and including it, birth dates and
/// identifiers are valid on it. On or after 2000-01-01.
/// </param>
public sealed record SyntheticDataOptions(int Subjects, int Records, int Seed, DateOnly AsOf)
{
    /// <summary>The earliest <see cref="AsOf"/>: adults born from 1950 on must exist on it.</summary>
    public static DateOnly EarliestAsOf { get; } = new(2000, 1, 1);
}

/// <summary>
/// Realistic synthetic credit data for demos, tests and benchmarks: <see cref="Subjects"/> (valid USCCs and resident
/// IDs, Chinese names and addresses) and a lazily generated stream of <see cref="Records"/> about them, each under a
/// real category of the given catalog that allows the subject's kind. Deterministic: everything is drawn from
/// <c>System.Random(seed)</c>, nothing from a global source.
/// </summary>
public sealed class SyntheticDataSet
{
    private const int OrganisationSubjectPercent = 85;

    // Individuals are ~15% of subjects but hold fewer licences and penalties than businesses.
    private const int OrganisationRecordPercent = 92;

    private static readonly DateOnly EarliestBirth = new(1950, 1, 1);
    private static readonly DateOnly LatestBirth = new(2004, 12, 31);
    private static readonly FrozenDictionary<string, int> DivisionIndex =
        Divisions.All.Select((d, i) => (d.Code, i)).ToFrozenDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

    private readonly int _recordSeed;

    // Subjects that can have records under the catalog, by kind; records pick from these.
    private readonly SyntheticSubject[] _organisations;
    private readonly SyntheticSubject[] _individuals;
    private readonly FrozenDictionary<Sector, SectorChoices> _choices;
    private readonly DateOnly[] _decisionDays;
    private readonly Numbering _numbering;

    public SyntheticDataSet(CreditCatalog catalog, SyntheticDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Subjects, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Records, nameof(options));
        if (options.AsOf < SyntheticDataOptions.EarliestAsOf)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.AsOf, "AsOf must be on or after 2000-01-01.");
        }

        Options = options;
        var random = new Random(options.Seed);
        Subjects = CreateSubjects(random, options.Subjects, options.AsOf);

        // Records draw from their own generator, seeded from the first, so enumerating them again (or not at all)
        // never changes the subjects, and every enumeration starts from the same state.
        _recordSeed = random.Next();

        // Only what the catalog has: a category or department it lacks is never written, and a category is used
        // only for the subject kinds it lists.
        var scenarios = Scenarios.All
            .Where(s => catalog.Categories.Contains(s.Category) && catalog.Departments.Contains(s.Department))
            .ToArray();
        _choices = Enum.GetValues<Sector>()
            .Where(sector => sector != Sector.None && (sector & (sector - 1)) == 0)
            .Select(sector => (sector, Choices: SectorChoices.For(catalog, scenarios, sector)))
            .Where(p => p.Choices is not null)
            .ToFrozenDictionary(p => p.sector, p => p.Choices!);
        _organisations = [.. Subjects.Where(s => s.Kind == SubjectKind.Organisation && _choices.ContainsKey(s.Sector))];
        _individuals = [.. Subjects.Where(s => s.Kind == SubjectKind.Individual && _choices.ContainsKey(s.Sector))];
        if (_organisations.Length == 0 && _individuals.Length == 0 && options.Records > 0)
        {
            throw new ArgumentException(
                "The catalog has none of the categories and departments the generator writes records for, for the subjects generated.",
                nameof(catalog));
        }

        _decisionDays = DecisionDays(catalog.Calendar, options.AsOf);
        _numbering = new Numbering(scenarios, options.AsOf);
    }

    public SyntheticDataOptions Options { get; }

    /// <summary>Every generated subject, organisations and individuals mixed, in generation order.</summary>
    public IReadOnlyList<SyntheticSubject> Subjects { get; }

    /// <summary>
    /// <see cref="SyntheticDataOptions.Records"/> records, made one at a time as they are enumerated, in order of
    /// decision date. Each enumeration yields the same records. Only the subjects and a few counters are held, so
    /// memory stays flat however many records are asked for.
    /// </summary>
    public IEnumerable<SyntheticRecord> Records()
    {
        var random = new Random(_recordSeed);
        var draft = new RecordDraft(random);
        var counters = _numbering.NewCounters();
        var count = Options.Records;
        for (var i = 0; i < count; i++)
        {
            // Dates advance through the window as the stream goes on (a file sorted by decision date), so document
            // numbers, which each issuer hands out in sequence per year, rise with them.
            var date = _decisionDays[(int)((long)i * _decisionDays.Length / count)];
            var subject = PickSubject(random);
            var category = _choices[subject.Sector].Categories.Pick(random);
            var scenario = category.Scenarios.Pick(random);
            draft.Start(subject, date, category.Grades?.Pick(random));
            scenario.Fill(draft);

            yield return new SyntheticRecord
            {
                Category = category.Code,
                SubjectId = subject.Id.Value,
                SubjectName = subject.Name,
                DocumentNumber = _numbering.Next(counters, scenario, subject.Division, date, random),
                DecisionDate = date,
                Severity = draft.Severity,
                LegalBasis = category.LegalBasis,
                Facts = draft.Facts,
                Content = draft.Content,
                Amount = draft.Amount,
                LegalRepresentative = subject.LegalRepresentative,
                Department = scenario.Department,
            };
        }
    }

    private SyntheticSubject PickSubject(Random random)
    {
        var pool = _organisations.Length > 0 && (_individuals.Length == 0 || random.Next(100) < OrganisationRecordPercent)
            ? _organisations
            : _individuals;

        // Skewed: index = n·u² puts √(k/n) of the records on the first k subjects, so the first 1% of subjects hold
        // about 10% of the records and the busiest about √n times the average, like chains and repeat offenders do.
        var u = random.NextDouble();
        return pool[(int)(pool.Length * u * u)];
    }

    private static SyntheticSubject[] CreateSubjects(Random random, int count, DateOnly asOf)
    {
        var subjects = new SyntheticSubject[count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var latestBirth = asOf.AddYears(-18) < LatestBirth ? asOf.AddYears(-18) : LatestBirth;
        for (var i = 0; i < count; i++)
        {
            var division = ChineseNames.Pick(random, Divisions.All);
            SyntheticSubject subject;
            do
            {
                subject = random.Next(100) < OrganisationSubjectPercent
                    ? Organisation(random, division, names)
                    : Individual(random, division, latestBirth, asOf);
            }
            while (!ids.Add(subject.Id.Value));

            subjects[i] = subject;
        }

        return subjects;
    }

    // GB 32100 organisation types under registration authority 9 (market regulation): 1 enterprise,
    // 2 individual business, 3 farmers' specialised cooperative.
    private static readonly WeightedTable<char> OrganisationTypes = new([('1', 80), ('2', 17), ('3', 3)]);

    private static SyntheticSubject Organisation(Random random, Division division, HashSet<string> names)
    {
        var type = OrganisationTypes.Pick(random);

        // Legal representatives of Chinese companies are mostly men; the demo keeps roughly that balance.
        var representative = ChineseNames.Person(random, male: random.Next(100) < 70);
        var industry = type == '1' ? ChineseNames.Pick(random, Industry.All) : null;
        var sector = industry?.Sector ?? (type == '2' ? Sector.Shop : Sector.Farming);
        string name;
        var attempts = 0;
        do
        {
            name = type switch
            {
                '1' => ChineseNames.Company(random, division, industry!),
                '2' => ChineseNames.IndividualBusiness(random, division, representative),
                _ => ChineseNames.Cooperative(random, division),
            };
        }
        // Registration refuses a name already taken in the same place; after a few tries accept a duplicate
        // rather than loop for ever on a huge subject count.
        while (!names.Add(name) && ++attempts < 10);

        var uscc = Uscc.Parse(NewUscc(random, type, division));
        return new SyntheticSubject(
            SubjectId.Of(uscc), name, representative, ChineseNames.Address(random, division), division, sector, industry);
    }

    /// <summary>
    /// <c>9</c> + type + division + 8-character organisation code body + GB 11714 check + GB 32100 check. Codes issued
    /// since the USCC reform mostly start their body with <c>MA</c>; older ones carry over an all-digit org code.
    /// </summary>
    private static string NewUscc(Random random, char type, Division division)
    {
        Span<char> code = stackalloc char[Uscc.Length];
        code[0] = '9';
        code[1] = type;
        division.Code.AsSpan().CopyTo(code[2..]);
        var body = code.Slice(8, 8);
        var start = 0;
        if (random.Next(100) < 60)
        {
            body[0] = 'M';
            body[1] = 'A';
            start = 2;
        }

        for (var i = start; i < body.Length; i++)
        {
            // Characters of the USCC alphabet only: positions 9–16 belong to both codes.
            body[i] = start == 0 ? (char)('0' + random.Next(10)) : UsccAlphabet[random.Next(UsccAlphabet.Length)];
        }

        code[16] = Uscc.ComputeOrganisationCodeCheckCharacter(body);
        code[17] = Uscc.ComputeCheckCharacter(code[..17]);
        return new string(code);
    }

    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static SyntheticSubject Individual(Random random, Division division, DateOnly latestBirth, DateOnly asOf)
    {
        var male = random.Next(2) == 0;
        var birth = EarliestBirth.AddDays(random.Next(latestBirth.DayNumber - EarliestBirth.DayNumber + 1));

        // GB 11643: the sequence is odd for men and even for women; 000 is not issued.
        var sequence = male ? (random.Next(500) * 2) + 1 : (random.Next(499) * 2) + 2;
        var first17 = string.Create(InvariantCulture, $"{division.Code}{birth:yyyyMMdd}{sequence:D3}");
        var number = first17 + ResidentId.ComputeCheckCharacter(first17);
        var id = ResidentId.Parse(number, asOf);
        return new SyntheticSubject(SubjectId.Of(id), ChineseNames.Person(random, male), null, null, division, Sector.Person, null);
    }

    /// <summary>
    /// Working days in the three years up to and including <paramref name="asOf"/>: from the catalog's calendar where
    /// it covers the year (holidays, make-up days), Monday to Friday elsewhere. Decisions are signed on working days.
    /// </summary>
    private static DateOnly[] DecisionDays(Calendar.WorkingDayCalendar calendar, DateOnly asOf)
    {
        var days = new List<DateOnly>(800);
        for (var day = asOf.AddYears(-3).AddDays(1); day <= asOf; day = day.AddDays(1))
        {
            var working = calendar.Covers(day)
                ? calendar.IsWorkingDay(day)
                : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (working)
            {
                days.Add(day);
            }
        }

        return [.. days];
    }

    /// <summary>One category as it can be chosen for a kind of subject.</summary>
    private sealed record CategoryChoice(
        string Code,
        string LegalBasis,
        WeightedTable<NegativeGrade>? Grades,
        WeightedTable<Scenario> Scenarios);

    /// <summary>The categories (and within them departments) a subject of one sector can have records under.</summary>
    private sealed record SectorChoices(WeightedTable<CategoryChoice> Categories)
    {
        public static SectorChoices? For(CreditCatalog catalog, IReadOnlyList<Scenario> scenarios, Sector sector)
        {
            var kind = sector == Sector.Person ? SubjectKind.Individual : SubjectKind.Organisation;
            var choices = new List<(CategoryChoice, int)>();
            foreach (var (code, weight) in Demo.Scenarios.CategoryWeights)
            {
                var usable = scenarios.Where(s => s.Category == code && s.Sectors.HasFlag(sector)).ToArray();
                if (usable.Length == 0 || !catalog.Categories[code].Subjects.Contains(kind))
                {
                    continue;
                }

                var category = catalog.Categories[code];
                choices.Add((new CategoryChoice(
                    code,
                    string.Join("；", category.LegalBasis.Select(b => b.ToString())),
                    Grades(category),
                    new WeightedTable<Scenario>(usable.Select(s => (s, s.Weight)))), weight));
            }

            return choices.Count == 0 ? null : new SectorChoices(new WeightedTable<CategoryChoice>(choices));
        }

        /// <summary>
        /// The grades a negative category defines, in the default mix; a category with one grade (court enforcement:
        /// serious) always gets that one. Null for neutral and positive categories, which have no severity.
        /// </summary>
        private static WeightedTable<NegativeGrade>? Grades(Category category) =>
            category.Polarity != Polarity.Negative
                ? null
                : new WeightedTable<NegativeGrade>(Demo.Scenarios.GradeWeights.Where(g => category.Publicity.Grades.ContainsKey(g.Grade)));
    }

    /// <summary>
    /// Document numbers: each issuer (the text before the year, e.g. 杭市监罚) numbers its documents in sequence per
    /// year. Issuers are keyed by that text, so two scenarios that print the same issuer share one sequence and a
    /// number can never repeat — within a department or across them.
    /// </summary>
    private sealed class Numbering
    {
        private readonly int _firstYear;
        private readonly int _years;
        private readonly string[] _issuers;

        // Per scenario (by reference), per division (index in Divisions.All): the issuer's slot.
        private readonly FrozenDictionary<Scenario, int[]> _slots;

        public Numbering(IReadOnlyList<Scenario> scenarios, DateOnly asOf)
        {
            _firstYear = asOf.AddYears(-3).Year;
            _years = asOf.Year - _firstYear + 1;
            var issuers = new Dictionary<(string, DocumentStyle), int>();
            var slots = new Dictionary<Scenario, int[]>(ReferenceEqualityComparer.Instance);
            foreach (var scenario in scenarios)
            {
                var perDivision = new int[Divisions.All.Count];
                for (var d = 0; d < perDivision.Length; d++)
                {
                    var key = (scenario.Office(Divisions.All[d]), scenario.Style);
                    if (!issuers.TryGetValue(key, out var slot))
                    {
                        slot = issuers.Count;
                        issuers.Add(key, slot);
                    }

                    perDivision[d] = slot;
                }

                slots[scenario] = perDivision;
            }

            _issuers = new string[issuers.Count];
            foreach (var ((issuer, _), slot) in issuers)
            {
                _issuers[slot] = issuer;
            }

            _slots = slots.ToFrozenDictionary(ReferenceEqualityComparer.Instance);
        }

        public int[] NewCounters() => new int[_issuers.Length * _years];

        public string Next(int[] counters, Scenario scenario, Division division, DateOnly date, Random random)
        {
            var slot = _slots[scenario][DivisionIndex[division.Code]];

            // Gaps of 0–2: the issuer also numbers documents that never reach this data set.
            var number = counters[(slot * _years) + date.Year - _firstYear] += 1 + random.Next(3);
            var issuer = _issuers[slot];
            return scenario.Style == DocumentStyle.CourtCase
                ? string.Create(InvariantCulture, $"（{date.Year}）{issuer}{number}号")
                : string.Create(InvariantCulture, $"{issuer}〔{date.Year}〕{number}号");
        }
    }
}
