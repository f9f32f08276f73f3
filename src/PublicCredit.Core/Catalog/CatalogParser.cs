using PublicCredit.Access;
using PublicCredit.Identifiers;
using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.RegularExpressions;
using PublicCredit.Calendar;
using PublicCredit.Text;
using PublicCredit.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using PublicCredit.Errors;

namespace PublicCredit.Catalog;

/// <summary>What the parser read: complete items in file order, where each came from, and every code declared.</summary>
internal sealed class ParsedCatalog
{
    public string? DeclaredVersion { get; set; }

    public LocalizedText? Title { get; set; }

    /// <summary>catalog.yaml <c>objections.reviewWorkingDays</c> (ADR 0013).</summary>
    public WorkingDays? ObjectionReview { get; set; }

    /// <summary>catalog.yaml <c>objections.refilingCoolingOffDays</c> (ADR 0034); absent → the default.</summary>
    public int? RefilingCoolingOffDays { get; set; }

    public List<Department> Departments { get; } = [];

    public List<Purpose> Purposes { get; } = [];

    public List<Category> Categories { get; } = [];

    public List<Matter> Matters { get; } = [];

    public List<ListType> ListTypes { get; } = [];

    public List<Measure> Measures { get; } = [];

    public List<Memorandum> Memoranda { get; } = [];

    public List<CalendarYear> Years { get; } = [];

    /// <summary>Source of every parsed object, by reference (records compare by value).</summary>
    public Dictionary<object, ItemSource> Sources { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Codes declared per kind, including items that failed to parse, so that one broken item yields one problem
    /// and not a cascade of <c>reference-unknown</c> from everything that refers to it.
    /// </summary>
    public Dictionary<string, HashSet<string>> DeclaredCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Kinds whose file could not be read at all (malformed YAML): references into them are not judged.</summary>
    public HashSet<string> UnreadableKinds { get; } = new(StringComparer.Ordinal);

    public bool IsDeclared(string kind, string code) =>
        DeclaredCodes.TryGetValue(kind, out var codes) && codes.Contains(code);

    public T Add<T>(List<T> list, T item, ItemSource source)
        where T : notnull
    {
        list.Add(item);
        Sources[item] = source;
        return item;
    }
}

/// <summary>Reads the catalog's YAML files into <see cref="ParsedCatalog"/>: structure, types and legal-basis presence.</summary>
internal static partial class CatalogParser
{
    public const string CatalogFile = "catalog.yaml";
    public const string DepartmentsFile = "departments.yaml";
    public const string CategoriesFile = "categories.yaml";
    public const string MattersFile = "matters.yaml";
    public const string ListTypesFile = "list-types.yaml";
    public const string MeasuresFile = "measures.yaml";
    public const string MemorandaFile = "memoranda.yaml";
    public const string CalendarFile = "calendar.yaml";

    public static IReadOnlyList<string> Files { get; } =
        [CatalogFile, DepartmentsFile, CategoriesFile, MattersFile, ListTypesFile, MeasuresFile, MemorandaFile, CalendarFile];

    private static readonly (string Key, NegativeGrade Grade)[] GradeKeys =
        [.. Enum.GetValues<NegativeGrade>().Select(grade => (grade.Code(), grade))];

    public static void Parse(string file, string text, ParsedCatalog into, ProblemSink problems)
    {
        var root = LoadRoot(file, text, problems);
        if (root is null)
        {
            // One malformed file is one problem, not a reference-unknown for everything that points into it.
            into.UnreadableKinds.Add(KindOf(file));
            return;
        }

        var fields = new YamlFields(root, new ItemSource(file, root.Start.Line), problems, file);
        switch (file)
        {
            case CatalogFile:
                into.DeclaredVersion = fields.String("version");
                into.Title = fields.Text("title");
                (into.ObjectionReview, into.RefilingCoolingOffDays) = ParseObjections(fields);
                Items(fields, "purposes", "purpose", into, problems, ParsePurpose);
                break;
            case DepartmentsFile:
                Items(fields, "departments", "department", into, problems, ParseDepartment);
                break;
            case CategoriesFile:
                Items(fields, "categories", "category", into, problems, ParseCategory);
                break;
            case MattersFile:
                Items(fields, "matters", "matter", into, problems, ParseMatter);
                break;
            case ListTypesFile:
                Items(fields, "listTypes", "list type", into, problems, ParseListType);
                break;
            case MeasuresFile:
                Items(fields, "measures", "measure", into, problems, ParseMeasure);
                break;
            case MemorandaFile:
                Items(fields, "memoranda", "memorandum", into, problems, ParseMemorandum);
                break;
            case CalendarFile:
                var years = fields.ItemList("years", "calendar year");
                if (years.Count == 0 && fields.Has("years"))
                {
                    problems.Add(file, fields.Source.LineOf("years"), CommonProblemCodes.CalendarYearMissing,
                        "the calendar lists no year; deadlines in working days cannot be computed (docs/domain.md#deadlines-and-working-days).");
                }

                foreach (var year in years)
                {
                    ParseYear(year, into);
                    year.RejectUnknownKeys();
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(file), file, "Not a catalog file.");
        }

        fields.RejectUnknownKeys();
    }

    internal static string KindOf(string file) => file switch
    {
        DepartmentsFile => "departments",
        CategoriesFile => "categories",
        MattersFile => "matters",
        ListTypesFile => "listTypes",
        MeasuresFile => "measures",
        MemorandaFile => "memoranda",
        CalendarFile => "years",
        _ => file,
    };

    private static YamlMappingNode? LoadRoot(string file, string text, ProblemSink problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(file, e.Start.Line, "yaml-invalid", e.InnerException?.Message ?? e.Message);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(file, 1, "field-required", "the file is empty; it must hold a mapping of fields.");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(file, stream.Documents[1].RootNode.Start.Line, "yaml-invalid",
                "a catalog file holds one YAML document; remove the '---' separator.");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(file, stream.Documents[0].RootNode.Start.Line, "yaml-invalid",
                "the file must hold a mapping of fields at its top level.");
            return null;
        }

        return root;
    }

    private static void Items(
        YamlFields fields,
        string key,
        string what,
        ParsedCatalog into,
        ProblemSink problems,
        Action<YamlFields, ParsedCatalog> parse)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in fields.ItemList(key, what))
        {
            // Duplicates are found here, over every entry, so a duplicate of a broken entry is still reported.
            if (PeekCode(item, into, key) is { } code && !seen.TryAdd(code, item.Line))
            {
                problems.Add(item.Source.File, item.Source.LineOf("code"), "code-duplicate",
                    $"{what} '{code}' is already defined on line {seen[code].ToString(CultureInfo.InvariantCulture)}; codes are unique within a kind.");

                // Still read the duplicate (for its own field problems) but keep it out of the catalog.
                parse(item, new ParsedCatalog());
                item.RejectUnknownKeys();
                continue;
            }

            parse(item, into);
            item.RejectUnknownKeys();
        }
    }

    private static string? PeekCode(YamlFields item, ParsedCatalog into, string kind)
    {
        var code = item.String("code");
        if (code is null)
        {
            return null;
        }

        if (!KebabCase().IsMatch(code))
        {
            item.Report("code", "code-invalid", $"code '{code}' must be kebab-case: lower-case letters and digits separated by single hyphens.");
        }

        if (!into.DeclaredCodes.TryGetValue(kind, out var codes))
        {
            into.DeclaredCodes[kind] = codes = new HashSet<string>(StringComparer.Ordinal);
        }

        codes.Add(code);
        return code;
    }

    /// <summary>The objection review period (docs/domain.md#objections-and-restoration): at least one working day, since a review cannot be due before it starts.</summary>
    private static (WorkingDays? Review, int? CoolingOff) ParseObjections(YamlFields fields)
    {
        if (fields.Map("objections") is not { } objections)
        {
            return (null, null);
        }

        var days = objections.Int("reviewWorkingDays");
        var coolingOff = objections.Int("refilingCoolingOffDays", required: false);
        objections.RejectUnknownKeys();
        if (coolingOff is < 0 or > 3650)
        {
            objections.Report("refilingCoolingOffDays", "objection-cooling-off-invalid",
                "objections.refilingCoolingOffDays is a whole number of days from 0 to 3650 (ADR 0034).");
            coolingOff = null;
        }

        if (days is < 1)
        {
            objections.Report("reviewWorkingDays", "objection-review-too-short",
                "objections.reviewWorkingDays must be at least 1 working day: the department reviews an objection before it is due (docs/domain.md#objections-and-restoration).");
            return (null, coolingOff);
        }

        return (days is { } count ? new WorkingDays(count) : null, coolingOff);
    }

    private static void ParseDepartment(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        var kind = f.Enum<DepartmentKind>("kind");
        if (f.Source.Complete)
        {
            into.Add(into.Departments, new Department(code!, name!, kind!.Value), f.Source);
        }
    }

    private static void ParsePurpose(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        if (f.Source.Complete)
        {
            into.Add(into.Purposes, new Purpose(code!, name!), f.Source);
        }
    }

    /// <summary>
    /// <c>providers</c> (department codes or kinds) and <c>sharing</c> (rules of roles, departments or kinds, purposes) of a
    /// category or list type (docs/catalog.md#providers-and-sharing). Absent providers are judged by the rules
    /// (<c>category-providers-missing</c>), not here, so that the author sees the rule rather than a missing field.
    /// </summary>
    private static Scope ParseScope(YamlFields f)
    {
        var providers = new DepartmentSet(f.StringList("providers", required: false));
        var sharing = new List<SharingRule>();
        foreach (var rule in f.MapList("sharing", required: false))
        {
            var roles = rule.EnumList<Role>("roles");
            var departments = rule.StringList("departments");
            var purposes = rule.StringList("purposes");
            rule.RejectUnknownKeys();
            sharing.Add(new SharingRule(roles, new DepartmentSet(departments), purposes));
        }

        return new Scope(providers, sharing.AsReadOnly());
    }

    private static void ParseMatter(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        var department = f.String("approvingDepartment");
        if (f.Source.Complete)
        {
            into.Add(into.Matters, new Matter(code!, name!, department!), f.Source);
        }
    }

    private static void ParseCategory(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var item = f.Int("nationalItem");
        var parent = f.String("parent", required: false);
        var name = f.Text("name");
        var dataClass = f.Enum<DataClass>("dataClass");
        var subjects = f.EnumList<SubjectKind>("subjects");
        var individualsPublic = f.Bool("individualsPublic");
        var polarity = f.Enum<Polarity>("polarity");
        var publicity = ParsePublicity(f.Map("publicity"));
        var legalBasis = ParseLegalBasis(f, "legalBasis", required: true);
        var scope = ParseScope(f);
        if (f.Source.Complete)
        {
            into.Add(into.Categories, new Category(code!, name!, item!.Value, parent, dataClass!.Value, subjects,
                individualsPublic!.Value, polarity!.Value, publicity!, legalBasis) { Scope = scope }, f.Source);
        }
    }

    private static Publicity? ParsePublicity(YamlFields? f)
    {
        if (f is null)
        {
            return null;
        }

        var grades = new Dictionary<NegativeGrade, GradePublicity>();
        foreach (var (key, grade) in GradeKeys)
        {
            if (f.Map(key, required: false) is not { } g)
            {
                continue;
            }

            var published = g.Bool("published", required: false) ?? true;
            var min = g.Duration("min", required: false);
            var @default = g.Duration("default", required: published);
            var max = g.Duration("max", required: published);
            var restoration = g.Duration("earliestRestoration", required: false);
            if (!published && (min ?? @default ?? max ?? restoration) is not null)
            {
                g.Report("published", "publicity-conflicting", $"the {key} grade is not published, so it has no publicity periods.");
            }

            grades[grade] = published
                ? new GradePublicity(true, min ?? IsoDuration.Zero, @default ?? IsoDuration.Zero, max ?? IsoDuration.Zero, restoration)
                : GradePublicity.NotPublished;
            g.RejectUnknownKeys();
        }

        var defaultPeriod = f.Duration("default", required: false);
        var whileValid = f.Bool("whileValid", required: false) ?? false;
        f.RejectUnknownKeys();
        return new Publicity(grades.AsReadOnly(), defaultPeriod, whileValid);
    }

    private static void ParseListType(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        var kind = f.Enum<ListKind>("kind");
        var category = f.String("category");
        var designating = f.StringList("designatingDepartments");
        if (designating.Count == 0 && f.Has("designatingDepartments"))
        {
            f.Report("designatingDepartments", "field-required", "a list type needs at least one designating department.");
        }

        var legalBasis = ParseLegalBasis(f, "legalBasis", required: true);
        var standard = ParseStandard(f.Map("designationStandard"));
        var defaultTerm = f.Duration("defaultTerm");
        var maxTerm = f.Duration("maxTerm");
        var termLegalBasis = ParseLegalBasis(f, "termLegalBasis", required: false);
        var window = f.Int("objectionWindowWorkingDays");
        if (window is < 1)
        {
            // docs/design.md#3-notice-before-listing: notice before listing — the subject always gets a window to object.
            f.Report("objectionWindowWorkingDays", "objection-window-too-short",
                "the objection window must be at least 1 working day: a subject is notified and may object before designation (docs/domain.md#lists).");
            f.Source.MarkIncomplete();
        }

        var maxSeverity = f.Enum<MeasureSeverity>("maxMeasureSeverity");
        var subjectKinds = f.EnumList<SubjectKind>("subjectKinds");
        var reaches = f.Bool("reachesResponsiblePersons");
        AutomaticRemoval? removal = null;
        if (f.Map("automaticRemoval", required: false) is { } r)
        {
            var trigger = r.Enum<RemovalTrigger>("trigger");
            var within = r.Int("withinWorkingDays");
            if (within is < 1)
            {
                r.Report("withinWorkingDays", "field-invalid", "withinWorkingDays must be at least 1.");
                f.Source.MarkIncomplete();
            }

            r.RejectUnknownKeys();
            if (trigger is not null && within is >= 1)
            {
                removal = new AutomaticRemoval(trigger.Value, new WorkingDays(within.Value));
            }
        }

        var scope = ParseScope(f);
        var eligibility = ParseEligibility(f);
        var entryFields = ParseEntryFields(f);
        Escalation? escalation = null;
        if (f.Map("escalation", required: false) is { } x)
        {
            var after = x.Duration("after");
            var to = x.String("to");
            x.RejectUnknownKeys();
            if (after is { IsZero: true })
            {
                x.Report("after", "field-invalid", "escalation.after must be a positive duration such as P3Y.");
                f.Source.MarkIncomplete();
            }
            else if (after is { } a && to is not null)
            {
                escalation = new Escalation(a, to);
            }
        }

        if (f.Source.Complete)
        {
            into.Add(into.ListTypes, new ListType(code!, name!, kind!.Value, category!, designating, legalBasis,
                standard!, defaultTerm!.Value, maxTerm!.Value, termLegalBasis, new WorkingDays(window!.Value),
                maxSeverity!.Value, subjectKinds, reaches!.Value, removal, eligibility) { Scope = scope, EntryFields = entryFields, Escalation = escalation }, f.Source);
        }
    }

    /// <summary>A list type's <c>entryFields</c> (docs/catalog.md#entry-fields; ADR 0043): each with a kebab-case code
    /// unique in the list, its zh/en name, whether a proposal must state it, its maximum length (1 to
    /// <see cref="EntryField.MaxLengthLimit"/>) and whether the public sees it.</summary>
    private static List<EntryField> ParseEntryFields(YamlFields f)
    {
        var result = new List<EntryField>();
        foreach (var e in f.MapList("entryFields", required: false))
        {
            var code = e.String("code");
            var name = e.Text("name");
            var required = e.Bool("required");
            var max = e.Int("maxLength");
            var shown = e.Bool("public");
            e.RejectUnknownKeys();
            if (max is < 1 or > EntryField.MaxLengthLimit)
            {
                e.Report("maxLength", "field-invalid", $"maxLength must be 1 to {EntryField.MaxLengthLimit}.");
                f.Source.MarkIncomplete();
            }

            if (code is not null && !KebabCode().IsMatch(code))
            {
                e.Report("code", "code-invalid", $"an entry field's code is kebab-case (a-z, 0-9, '-'), not '{code}': it names the field in requests (entryFields.<code>).");
                f.Source.MarkIncomplete();
            }
            else if (code is not null && result.Exists(r => r.Code == code))
            {
                e.Report("code", "code-duplicate", $"entry field '{code}' is declared twice.");
                f.Source.MarkIncomplete();
            }

            if (code is not null && name is not null && required is not null && max is >= 1 and <= EntryField.MaxLengthLimit && shown is not null)
            {
                result.Add(new EntryField(code, name, required.Value, max.Value, shown.Value));
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex KebabCode();

    /// <summary>A red list's <c>eligibility</c> (ADR 0042): whether it may sit on a black list's subject (never), how far
    /// back a serious negative record disqualifies, and the working days the red department has to revoke or confirm an
    /// entry a black one suspended. Whether the list may have one at all is judged by the rules (black lists may not).</summary>
    private static RedEligibility? ParseEligibility(YamlFields f)
    {
        if (f.Map("eligibility", required: false) is not { } e)
        {
            return null;
        }

        var noBlack = e.Bool("noEffectiveBlack");
        var within = e.Duration("noSeriousNegativeWithin", required: false);
        if (within is { IsZero: true })
        {
            e.Report("noSeriousNegativeWithin", "field-invalid", "noSeriousNegativeWithin must be a positive duration such as P3Y (leave it out for no such rule).");
            f.Source.MarkIncomplete();
        }

        var review = e.Int("conflictReviewWorkingDays", required: false);
        if (review is < 1)
        {
            e.Report("conflictReviewWorkingDays", "field-invalid", "conflictReviewWorkingDays must be at least 1.");
            f.Source.MarkIncomplete();
        }

        e.RejectUnknownKeys();
        return noBlack is null
            ? null
            : new RedEligibility(noBlack.Value, within, review is >= 1 ? new WorkingDays(review.Value) : RedEligibility.DefaultConflictReview);
    }

    private static DesignationStandard? ParseStandard(YamlFields? f)
    {
        if (f is null)
        {
            return null;
        }

        var document = f.String("document");
        var title = f.String("title");
        var published = f.Date("published");
        var effective = f.Date("effective");
        var comment = f.Int("commentPeriodDays");
        f.RejectUnknownKeys();
        return document is null || title is null || published is null || effective is null || comment is null
            ? null
            : new DesignationStandard(document, title, published.Value, effective.Value, comment.Value);
    }

    private static void ParseMeasure(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        var kind = f.Enum<MeasureKind>("kind");
        var severity = f.Enum<MeasureSeverity>("severity");
        var binding = f.Enum<Binding>("binding");
        var legalBasis = ParseLegalBasis(f, "legalBasis", required: true);
        var department = f.String("implementingDepartment");
        var matters = f.StringList("matters");
        var reaches = f.Bool("reachesResponsiblePersons");
        GreenChannel? greenChannel = null;
        if (f.Map("greenChannel", required: false) is { } g)
        {
            var clean = g.Duration("cleanPeriod");
            var kinds = g.EnumList<SubjectKind>("subjectKinds");
            var establishedBy = g.StringList("establishedBy", required: false);
            g.RejectUnknownKeys();
            greenChannel = clean is null ? null : new GreenChannel(clean.Value, kinds, establishedBy);
        }

        if (f.Source.Complete)
        {
            into.Add(into.Measures, new Measure(code!, name!, kind!.Value, severity!.Value, binding!.Value, legalBasis,
                department!, matters, reaches!.Value, greenChannel), f.Source);
        }
    }

    private static void ParseMemorandum(YamlFields f, ParsedCatalog into)
    {
        var code = f.String("code");
        var name = f.Text("name");
        MemorandumDocument? document = null;
        if (f.Map("document", required: false) is { } d)
        {
            var number = d.String("number", required: false);
            var title = d.String("title");
            var date = d.Date("date");
            d.RejectUnknownKeys();
            if (number is null)
            {
                d.Report("number", "legal-basis-missing", "a memorandum's document needs its document number (e.g. 发改财金〔2016〕141号).");
                f.Source.MarkIncomplete();
            }
            else if (title is not null && date is not null)
            {
                document = new MemorandumDocument(number, title, date.Value);
            }
        }
        else
        {
            // docs/design.md#2-no-measure-without-a-legal-basis: joint measures act only through a signed, numbered memorandum.
            f.Report("document", "legal-basis-missing", $"memorandum '{code}' has no document (number, title, date) as its legal basis.");
            f.Source.MarkIncomplete();
        }

        var departments = f.StringList("departments");
        var listTypes = f.StringList("listTypes");
        var measures = f.StringList("measures");
        foreach (var (key, list) in new[] { ("departments", departments), ("listTypes", listTypes), ("measures", measures) })
        {
            if (list.Count == 0 && f.Has(key))
            {
                f.Report(key, "memorandum-incomplete", $"a memorandum names at least one entry in '{key}' (docs/domain.md#joint-measures).");
            }
        }

        if (f.Source.Complete)
        {
            into.Add(into.Memoranda, new Memorandum(code!, name!, document!, departments, listTypes, measures), f.Source);
        }
    }

    private static void ParseYear(YamlFields f, ParsedCatalog into)
    {
        var year = f.Int("year");
        var provisional = f.Bool("provisional");
        var source = f.String("source", required: false);
        var holidays = new List<Holiday>();
        foreach (var h in f.MapList("holidays"))
        {
            var name = h.Text("name");
            var from = h.Date("from");
            var to = h.Date("to");
            h.RejectUnknownKeys();
            if (name is not null && from is not null && to is not null)
            {
                holidays.Add(new Holiday(name, from.Value, to.Value));
            }
        }

        var makeUp = f.DateList("makeUpWorkingDays");
        if (f.Source.Complete)
        {
            into.Add(into.Years, new CalendarYear(year!.Value, provisional!.Value, source, holidays.AsReadOnly(), makeUp), f.Source);
        }
    }

    /// <summary>
    /// docs/design.md#2-no-measure-without-a-legal-basis: nothing without a legal basis. A missing or empty list, or an entry lacking its law or
    /// its article, is <c>legal-basis-missing</c> (not a generic missing field) so authors see the rule.
    /// </summary>
    private static ReadOnlyCollection<LegalBasis> ParseLegalBasis(YamlFields f, string key, bool required)
    {
        if (!f.Has(key))
        {
            if (required)
            {
                f.Report(key, "legal-basis-missing", $"'{key}' is required: cite the law or regulation and its article.");
                f.Source.MarkIncomplete();
            }

            return ReadOnlyCollection<LegalBasis>.Empty;
        }

        var entries = f.MapList(key);
        if (entries.Count == 0 && required)
        {
            f.Report(key, "legal-basis-missing", $"'{key}' is empty: cite at least one law or regulation and its article.");
            f.Source.MarkIncomplete();
        }

        var result = new List<LegalBasis>();
        foreach (var entry in entries)
        {
            var law = entry.String("law", required: false);
            var article = entry.String("article", required: false);
            var document = entry.String("document", required: false);
            var en = entry.String("en", required: false);
            entry.RejectUnknownKeys();
            if (law is null || article is null)
            {
                var missing = law is null ? "law" : "article";
                entry.Report(missing, "legal-basis-missing",
                    $"a legal basis in '{key}' lacks its {missing}: cite both the law and the article relied on.");
                f.Source.MarkIncomplete();
                continue;
            }

            result.Add(new LegalBasis(law, article, document, en));
        }

        return result.AsReadOnly();
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();
}
