using PublicCredit.Identifiers;
using System.Globalization;
using System.Text.RegularExpressions;
using PublicCredit.Text;
using PublicCredit.Time;
using PublicCredit.Errors;

namespace PublicCredit.Catalog;

/// <summary>
/// The catalog's content rules, run after parsing over the complete items. Each rule has a stable code
/// (docs/catalog.md) and cites the fact it enforces. Structural rules (types, unknown fields, legal-basis
/// presence, duplicates) are in <see cref="CatalogParser"/>.
/// </summary>
internal static partial class CatalogRules
{
    // docs/domain.md#publicity-periods (国办发〔2025〕22号): publicity bounds per grade of negative information.
    private static readonly IsoDuration ThreeMonths = IsoDuration.FromMonths(3);
    private static readonly IsoDuration OneYear = IsoDuration.FromYears(1);
    private static readonly IsoDuration ThreeYears = IsoDuration.FromYears(3);

    // docs/domain.md#lists / the NDRC 2020 draft opinions §(7): designation standards are open for comment for at least 30 days.
    private const int MinCommentPeriodDays = 30;

    // docs/domain.md#lists: a list's term is at most 3 years unless a specific legal basis says otherwise.
    private static readonly IsoDuration MaxTermWithoutSpecificBasis = ThreeYears;

    public static void Check(ParsedCatalog catalog, ProblemSink problems)
    {
        var check = new Checker(catalog, problems);
        check.Matters();
        check.Categories();
        check.ListTypes();
        check.Measures();
        check.Memoranda();
        check.Calendar();
    }

    // docs/domain.md#the-national-catalog / the NDRC 2020 draft opinions §(14): political conduct, religion, health and biometrics are never catalog items.
    // The primary guard is the required dataClass; names are checked too, so a category cannot slip through
    // under an innocent dataClass. Keywords are specific ("健康状况", not "健康") so that e.g. penalties of the
    // health authorities (卫生健康行政处罚) remain possible.
    [GeneratedRegex("政治面貌|政治观点|政治立场|政治活动|党派|宗教|信仰|健康状况|健康信息|病史|疾病|医疗记录|生物识别|指纹|人脸|虹膜|基因|声纹", RegexOptions.CultureInvariant)]
    private static partial Regex ForbiddenZh();

    [GeneratedRegex(@"\b(politic(al|s)|religio(n|ns|us)|health (status|condition|information|data|record)s?|medical (history|record)s?|diseases?|biometrics?|fingerprints?|facial|iris|genetic|dna|voiceprints?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenEn();

    private sealed class Checker(ParsedCatalog catalog, ProblemSink problems)
    {
        private readonly Dictionary<string, Department> _departments = catalog.Departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, Category> _categories = catalog.Categories.ToDictionary(c => c.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, ListType> _listTypes = catalog.ListTypes.ToDictionary(l => l.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, Measure> _measures = catalog.Measures.ToDictionary(m => m.Code, StringComparer.Ordinal);

        public void Matters()
        {
            foreach (var matter in catalog.Matters)
            {
                Reference(matter, "approvingDepartment", "departments", matter.ApprovingDepartment, "department");
            }
        }

        public void Categories()
        {
            var nationalItems = new Dictionary<int, string>();
            foreach (var category in catalog.Categories)
            {
                if (category.NationalItem < 1)
                {
                    Report(category, "nationalItem", "field-invalid", "nationalItem is the national catalog's item number, 1 or more.");
                }

                if (category.Parent is null)
                {
                    if (!nationalItems.TryAdd(category.NationalItem, category.Code))
                    {
                        Report(category, "nationalItem", "national-item-duplicate",
                            $"national item {category.NationalItem.ToString(CultureInfo.InvariantCulture)} is already category '{nationalItems[category.NationalItem]}'; a sub-category names it as its parent instead.");
                    }
                }
                else if (Reference(category, "parent", "categories", category.Parent, "category") &&
                         _categories.TryGetValue(category.Parent, out var parent))
                {
                    if (parent.Parent is not null)
                    {
                        Report(category, "parent", "category-parent-invalid",
                            $"parent '{parent.Code}' is itself a sub-category; a parent is a national catalog item (docs/domain.md#the-national-catalog).");
                    }
                    else if (parent.NationalItem != category.NationalItem)
                    {
                        Report(category, "nationalItem", "category-parent-invalid",
                            $"a sub-category has its parent's national item ({parent.NationalItem.ToString(CultureInfo.InvariantCulture)}), not {category.NationalItem.ToString(CultureInfo.InvariantCulture)}.");
                    }
                }

                if (category.DataClass is DataClass.Political or DataClass.Religious or DataClass.Health or DataClass.Biometric)
                {
                    Report(category, "dataClass", "category-forbidden",
                        $"{category.DataClass.Code()} information is never public credit information (docs/domain.md#the-national-catalog; the NDRC 2020 draft opinions §(14)).");
                }
                else if (ForbiddenZh().Match(category.Name.Zh) is { Success: true } zh)
                {
                    Report(category, "name", "category-forbidden",
                        $"the name mentions '{zh.Value}': political, religious, health and biometric information is never public credit information (docs/domain.md#the-national-catalog).");
                }
                else if (ForbiddenEn().Match(category.Name.En) is { Success: true } en)
                {
                    Report(category, "name", "category-forbidden",
                        $"the name mentions '{en.Value}': political, religious, health and biometric information is never public credit information (docs/domain.md#the-national-catalog).");
                }

                if (category.Subjects.Count == 0)
                {
                    Report(category, "subjects", "field-required", "a category concerns organisations, individuals or both.");
                }

                if (category.IndividualsPublic && !category.Subjects.Contains(SubjectKind.Individual))
                {
                    Report(category, "individualsPublic", "category-individuals-public-mismatch",
                        "individualsPublic is true but the category does not concern individuals.");
                }

                Publicity(category);
                Scope(category, category.Scope, "category-providers-missing", "category");
            }
        }

        /// <summary>
        /// providers and sharing (docs/catalog.md#providers-and-sharing): at least one provider; every department code,
        /// kind and purpose known; every sharing rule names roles, departments and purposes.
        /// </summary>
        private void Scope(object item, Scope scope, string missingCode, string what)
        {
            if (scope.Providers.IsEmpty)
            {
                Report(item, "providers", missingCode,
                    $"a {what} names its providers: the departments (codes) or department kinds (government, court, non-government) that may record it (docs/domain.md#who-records-and-who-reads).");
            }

            Departments(item, "providers", scope.Providers);
            for (var r = 0; r < scope.Sharing.Count; r++)
            {
                var rule = scope.Sharing[r];
                var path = Index("sharing", r);
                Departments(item, path + ".departments", rule.Departments);
                if (rule.Roles.Count == 0)
                {
                    Report(item, path + ".roles", "field-required", "a sharing rule names the staff roles that may read.");
                }

                if (rule.Departments.IsEmpty)
                {
                    Report(item, path + ".departments", "field-required", "a sharing rule names the departments or department kinds that may read.");
                }

                if (rule.Purposes.Count == 0)
                {
                    Report(item, path + ".purposes", "field-required", "a sharing rule names the purposes (catalog.yaml 'purposes') it allows.");
                }

                for (var i = 0; i < rule.Purposes.Count; i++)
                {
                    Reference(item, $"{path}.{Index("purposes", i)}", "purposes", rule.Purposes[i], "purpose");
                }
            }
        }

        private void Departments(object item, string key, DepartmentSet set)
        {
            for (var i = 0; i < set.Entries.Count; i++)
            {
                if (!DepartmentSet.IsKind(set.Entries[i]))
                {
                    Reference(item, Index(key, i), "departments", set.Entries[i], "department or department kind");
                }
            }
        }

        private void Publicity(Category category)
        {
            var publicity = category.Publicity;
            if (category.Polarity != Polarity.Negative)
            {
                foreach (var grade in publicity.Grades.Keys)
                {
                    Report(category, $"publicity.{grade.Code()}", "publicity-conflicting",
                        $"grades apply to negative information only; a {category.Polarity.Code()} category has a 'default' period or 'whileValid: true'.");
                }

                if (publicity.Default is null && !publicity.WhileValid)
                {
                    Report(category, "publicity", "publicity-missing",
                        $"a {category.Polarity.Code()} category needs 'default' (a duration) or 'whileValid: true'.");
                }
                else if (publicity.Default is not null && publicity.WhileValid)
                {
                    Report(category, "publicity.whileValid", "publicity-conflicting", "give either 'default' or 'whileValid: true', not both.");
                }
                else if (publicity.Default is { IsZero: true })
                {
                    Report(category, "publicity.default", "publicity-too-short", "a default publicity of zero publishes nothing; use a positive duration.");
                }

                return;
            }

            if (publicity.Default is not null || publicity.WhileValid)
            {
                Report(category, publicity.Default is not null ? "publicity.default" : "publicity.whileValid", "publicity-conflicting",
                    "a negative category's publicity is given per grade (minor, general, serious), docs/domain.md#publicity-periods.");
            }

            if (publicity.Grades.Count == 0)
            {
                Report(category, "publicity", "publicity-missing",
                    "a negative category gives publicity for at least one grade (minor, general, serious), docs/domain.md#publicity-periods.");
            }

            foreach (var (grade, periods) in publicity.Grades)
            {
                if (periods.Published)
                {
                    Grade(category, grade, periods);
                }
            }
        }

        // docs/domain.md#publicity-periods: minor ≤ 3 months (or not published); general 3 months–1 year; serious 1–3 years;
        // restoration no earlier than the minimum (general: after 3 months; serious: after 1 year).
        private void Grade(Category category, NegativeGrade grade, GradePublicity periods)
        {
            var path = $"publicity.{grade.Code()}";
            var (floor, ceiling) = grade switch
            {
                NegativeGrade.Minor => (IsoDuration.Zero, ThreeMonths),
                NegativeGrade.General => (ThreeMonths, OneYear),
                _ => (OneYear, ThreeYears),
            };

            if (periods.Max.IsLongerThan(ceiling))
            {
                Report(category, $"{path}.max", "publicity-too-long",
                    $"{grade.Code()} negative information is public for at most {ceiling} (docs/domain.md#publicity-periods), not {periods.Max}.");
            }

            if (periods.Min.IsShorterThan(floor))
            {
                Report(category, periods.Min.IsZero ? path : $"{path}.min", "publicity-too-short",
                    $"{grade.Code()} negative information is public for at least {floor} (docs/domain.md#publicity-periods), not {periods.Min}.");
            }

            if (periods.Min.IsLongerThan(periods.Max))
            {
                Report(category, $"{path}.min", "publicity-bounds-inverted", $"min {periods.Min} is longer than max {periods.Max}.");
            }
            else if (periods.Default.IsShorterThan(periods.Min) || periods.Default.IsLongerThan(periods.Max))
            {
                Report(category, $"{path}.default", "publicity-default-out-of-bounds",
                    $"default {periods.Default} lies outside min {periods.Min} – max {periods.Max}.");
            }

            if (grade == NegativeGrade.Minor)
            {
                return;
            }

            if (periods.EarliestRestoration is not { } restoration)
            {
                Report(category, path, "field-required",
                    $"'{path}.earliestRestoration' is required: when may a subject's credit be restored (docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration)?");
            }
            else if (restoration.IsShorterThan(floor) || restoration.IsShorterThan(periods.Min))
            {
                var earliest = periods.Min.IsLongerThan(floor) ? periods.Min : floor;
                Report(category, $"{path}.earliestRestoration", PublicCredit.Restorations.RestorationProblemCodes.TooEarly,
                    $"restoration of {grade.Code()} negative information is possible only after {earliest}, the minimum publicity (docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration), not after {restoration}.");
            }
        }

        public void ListTypes()
        {
            foreach (var list in catalog.ListTypes)
            {
                if (Reference(list, "category", "categories", list.Category, "category") &&
                    _categories.TryGetValue(list.Category, out var category))
                {
                    var expected = list.Kind == ListKind.Black ? Polarity.Negative : Polarity.Positive;
                    if (category.Polarity != expected)
                    {
                        Report(list, "category", "list-category-polarity-mismatch",
                            $"a {list.Kind.Code()} list is published under a {expected.Code()} category; '{category.Code}' is {category.Polarity.Code()}.");
                    }

                    foreach (var kind in list.SubjectKinds.Where(k => !category.Subjects.Contains(k)))
                    {
                        Report(list, "subjectKinds", "list-subjects-outside-category",
                            $"the list designates {kind.Code()}s but category '{category.Code}' does not concern them.");
                    }
                }

                if (list.SubjectKinds.Count == 0)
                {
                    Report(list, "subjectKinds", "field-required", "a list type designates organisations, individuals or both.");
                }

                for (var i = 0; i < list.DesignatingDepartments.Count; i++)
                {
                    var field = Index("designatingDepartments", i);
                    var code = list.DesignatingDepartments[i];
                    if (Reference(list, field, "departments", code, "department") &&
                        _departments.TryGetValue(code, out var department) && department.Kind == DepartmentKind.NonGovernment)
                    {
                        Report(list, field, "list-designator-nongovernment",
                            $"'{code}' is not a government department or court; only a department with a legal basis designates a list (docs/domain.md#lists).");
                    }
                }

                var standard = list.DesignationStandard;
                if (standard.CommentPeriodDays < MinCommentPeriodDays)
                {
                    Report(list, "designationStandard.commentPeriodDays", "standard-comment-period-too-short",
                        $"a designation standard is open for public comment for at least {MinCommentPeriodDays} days (docs/domain.md#lists; the NDRC 2020 draft opinions §(7)), not {standard.CommentPeriodDays.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (standard.Effective < standard.Published)
                {
                    Report(list, "designationStandard.effective", "standard-dates-invalid",
                        $"the standard takes effect ({standard.Effective:yyyy-MM-dd}) before it was published ({standard.Published:yyyy-MM-dd}).");
                }

                foreach (var (field, term) in new[] { ("defaultTerm", list.DefaultTerm), ("maxTerm", list.MaxTerm) })
                {
                    if (term.IsZero)
                    {
                        Report(list, field, "field-invalid", $"{field} must be a positive duration.");
                    }
                    else if (term.IsLongerThan(MaxTermWithoutSpecificBasis) && list.TermLegalBasis.Count == 0)
                    {
                        Report(list, field, "list-term-too-long",
                            $"{field} {term} exceeds 3 years; a longer term needs a specific legal basis in 'termLegalBasis' (docs/domain.md#lists).");
                    }
                }

                Scope(list, list.Scope, "list-providers-missing", "list type");
                for (var i = 0; i < list.Scope.Providers.Entries.Count; i++)
                {
                    var entry = list.Scope.Providers.Entries[i];
                    if (entry == DepartmentKind.NonGovernment.Code() ||
                        (_departments.TryGetValue(entry, out var provider) && provider.Kind == DepartmentKind.NonGovernment))
                    {
                        Report(list, Index("providers", i), "list-designator-nongovernment",
                            $"'{entry}' is not a government department or court; only a department with a legal basis proposes a list entry (docs/domain.md#lists).");
                    }
                }

                if (list.DefaultTerm.IsLongerThan(list.MaxTerm))
                {
                    Report(list, "defaultTerm", "list-default-term-exceeds-max",
                        $"defaultTerm {list.DefaultTerm} is longer than maxTerm {list.MaxTerm}.");
                }

                Eligibility(list);
                Escalates(list);
            }
        }

        /// <summary>docs/catalog.md#escalation: the target is a list type of the catalog, another one, and designated by the
        /// same departments — the suggestion lands in the queue of the department that designated the first entry.</summary>
        private void Escalates(ListType list)
        {
            if (list.Escalation is not { } escalation || !Reference(list, "escalation.to", "listTypes", escalation.To, "list type"))
            {
                return;
            }

            if (escalation.To == list.Code)
            {
                Report(list, "escalation.to", "list-escalation-invalid", "a list type does not escalate to itself.");
            }
            else if (_listTypes.TryGetValue(escalation.To, out var target)
                     && !list.DesignatingDepartments.All(d => target.DesignatingDepartments.Contains(d, StringComparer.Ordinal)))
            {
                Report(list, "escalation.to", "list-escalation-invalid",
                    $"'{target.Code}' is designated by {string.Join(", ", target.DesignatingDepartments)}; an escalation stays with the department that designated the entry ({string.Join(", ", list.DesignatingDepartments)}).");
            }
        }

        /// <summary>ADR 0042: a red list says whom it admits; a black list admits by its designation standard only.
        /// No red list admits a subject an effective black entry reaches — the platform never grants an incentive
        /// beside a disciplinary measure.</summary>
        private void Eligibility(ListType list)
        {
            if (list.Kind == ListKind.Black)
            {
                if (list.Eligibility is not null)
                {
                    Report(list, "eligibility", "list-eligibility-on-black",
                        "eligibility is a red list's rule of whom it admits; a black list is designated by its standard (ADR 0042).");
                }

                return;
            }

            if (list.Eligibility is not { } eligibility)
            {
                Report(list, "code", "list-eligibility-missing",
                    "a red list declares its eligibility (at least noEffectiveBlack: true; ADR 0042).");
            }
            else if (!eligibility.NoEffectiveBlack)
            {
                Report(list, "eligibility.noEffectiveBlack", "list-eligibility-admits-black",
                    "a red list never admits a subject with an effective black entry: noEffectiveBlack must be true (ADR 0042).");
            }
        }

        public void Measures()
        {
            foreach (var measure in catalog.Measures)
            {
                if (Reference(measure, "implementingDepartment", "departments", measure.ImplementingDepartment, "department") &&
                    _departments.TryGetValue(measure.ImplementingDepartment, out var department) &&
                    department.Kind == DepartmentKind.NonGovernment && measure.Binding == Binding.Mandatory)
                {
                    // Seed 003 §(9): departments must not compel financial institutions, associations, media etc.
                    Report(measure, "binding", "measure-nongovernment-mandatory",
                        $"'{department.Code}' is a non-government body; a measure it implements is at most recommended (the NDRC 2020 draft opinions §(9); docs/design.md#6-proportionality).");
                }

                for (var i = 0; i < measure.Matters.Count; i++)
                {
                    Reference(measure, Index("matters", i), "matters", measure.Matters[i], "matter");
                }

                if (measure.Matters.Count == 0 && measure.Severity != MeasureSeverity.Notice)
                {
                    Report(measure, "matters", "measure-matters-missing",
                        $"a {measure.Severity.Code()} measure is applied in some approval procedure; list the matters where the check reports it.");
                }

                if (measure.GreenChannel is { } green)
                {
                    if (measure.Kind != MeasureKind.Incentive)
                    {
                        Report(measure, "greenChannel", "measure-green-channel-invalid", "only an incentive measure can be the green channel (GF〔2016〕33 §(4)).");
                    }
                    else if (green.CleanPeriod.IsZero || green.SubjectKinds.Count == 0)
                    {
                        Report(measure, "greenChannel", "measure-green-channel-invalid",
                            "the green channel needs a positive cleanPeriod and the subject kinds it serves.");
                    }

                    for (var i = 0; i < green.EstablishedBy.Count; i++)
                    {
                        Reference(measure, Index("greenChannel.establishedBy", i), "categories", green.EstablishedBy[i], "category");
                    }
                }
            }
        }

        public void Memoranda()
        {
            foreach (var memo in catalog.Memoranda)
            {
                for (var i = 0; i < memo.Departments.Count; i++)
                {
                    Reference(memo, Index("departments", i), "departments", memo.Departments[i], "department");
                }

                Duplicates(memo, "departments", memo.Departments);
                Duplicates(memo, "listTypes", memo.ListTypes);
                Duplicates(memo, "measures", memo.Measures);

                var lists = new List<ListType>();
                for (var i = 0; i < memo.ListTypes.Count; i++)
                {
                    var field = Index("listTypes", i);
                    if (Reference(memo, field, "listTypes", memo.ListTypes[i], "list type") &&
                        _listTypes.TryGetValue(memo.ListTypes[i], out var list))
                    {
                        lists.Add(list);
                        if (!list.DesignatingDepartments.Any(d => memo.Departments.Contains(d, StringComparer.Ordinal)))
                        {
                            // docs/domain.md#joint-measures initiation–response: the designating department initiates, so it signs.
                            Report(memo, field, "memorandum-initiator-missing",
                                $"none of the departments designating '{list.Code}' ({string.Join(", ", list.DesignatingDepartments)}) signed this memorandum.");
                        }
                    }
                }

                for (var i = 0; i < memo.Measures.Count; i++)
                {
                    var field = Index("measures", i);
                    if (!Reference(memo, field, "measures", memo.Measures[i], "measure") ||
                        !_measures.TryGetValue(memo.Measures[i], out var measure))
                    {
                        continue;
                    }

                    foreach (var list in lists)
                    {
                        var fitting = list.Kind == ListKind.Black ? MeasureKind.Disciplinary : MeasureKind.Incentive;
                        if (measure.Kind != fitting)
                        {
                            Report(memo, field, "measure-kind-mismatch",
                                $"'{measure.Code}' is {measure.Kind.Code()} but '{list.Code}' is a {list.Kind.Code()} list, which takes {fitting.Code()} measures (docs/domain.md#lists).");
                        }
                        else if (measure.Severity > list.MaxMeasureSeverity)
                        {
                            // Seed 003 §(10) proportionality; docs/design.md#6-proportionality.
                            Report(memo, field, "measure-exceeds-list-severity",
                                $"'{measure.Code}' is a {measure.Severity.Code()} measure but '{list.Code}' allows at most {list.MaxMeasureSeverity.Code()} (proportionality, the NDRC 2020 draft opinions §(10)).");
                        }
                    }
                }
            }
        }

        public void Calendar()
        {
            var seen = new Dictionary<int, int>();
            foreach (var year in catalog.Years)
            {
                var source = catalog.Sources[year];
                if (!seen.TryAdd(year.Year, source.LineOf("year")))
                {
                    Report(year, "year", "calendar-year-duplicate", $"{year.Year.ToString(CultureInfo.InvariantCulture)} is already listed on line {seen[year.Year].ToString(CultureInfo.InvariantCulture)}.");
                    continue;
                }

                var holidays = new HashSet<DateOnly>();
                for (var i = 0; i < year.Holidays.Count; i++)
                {
                    var holiday = year.Holidays[i];
                    var field = Index("holidays", i);
                    if (holiday.To < holiday.From)
                    {
                        Report(year, $"{field}.to", "calendar-range-invalid", $"'{holiday.Name.Zh}' ends ({holiday.To:yyyy-MM-dd}) before it starts ({holiday.From:yyyy-MM-dd}).");
                        continue;
                    }

                    // Each date is entered under its own year, even when a notice for the next year announced it.
                    if (holiday.From.Year != year.Year || holiday.To.Year != year.Year)
                    {
                        Report(year, holiday.From.Year != year.Year ? $"{field}.from" : $"{field}.to", "calendar-date-outside-year",
                            $"'{holiday.Name.Zh}' ({holiday.From:yyyy-MM-dd} – {holiday.To:yyyy-MM-dd}) lies outside {year.Year.ToString(CultureInfo.InvariantCulture)}; enter each date under its own year.");
                    }

                    holidays.UnionWith(holiday.Dates());
                }

                for (var i = 0; i < year.MakeUpWorkingDays.Count; i++)
                {
                    var day = year.MakeUpWorkingDays[i];
                    var field = Index("makeUpWorkingDays", i);
                    if (day.Year != year.Year)
                    {
                        Report(year, field, "calendar-date-outside-year", $"{day:yyyy-MM-dd} lies outside {year.Year.ToString(CultureInfo.InvariantCulture)}; enter it under its own year.");
                    }

                    if (holidays.Contains(day))
                    {
                        Report(year, field, "calendar-holiday-and-workday", $"{day:yyyy-MM-dd} is listed both as a holiday and as a make-up working day.");
                    }
                    else if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    {
                        Report(year, field, "calendar-make-up-not-weekend",
                            $"{day:yyyy-MM-dd} is a {day.DayOfWeek}; make-up working days (调休) are weekend days, weekdays already are working days.");
                    }
                }
            }

            var years = seen.Keys.Order().ToList();
            for (var i = 1; i < years.Count; i++)
            {
                if (years[i] != years[i - 1] + 1)
                {
                    var later = catalog.Years.First(y => y.Year == years[i]);
                    Report(later, "year", CommonProblemCodes.CalendarYearMissing,
                        $"the calendar jumps from {years[i - 1].ToString(CultureInfo.InvariantCulture)} to {years[i].ToString(CultureInfo.InvariantCulture)}; every year in between needs its holiday arrangement.");
                }
            }
        }

        private void Duplicates(object item, string key, IReadOnlyList<string> codes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < codes.Count; i++)
            {
                if (!seen.Add(codes[i]))
                {
                    Report(item, Index(key, i), "code-duplicate", $"'{codes[i]}' is listed twice in '{key}'.");
                }
            }
        }

        private bool Reference(object item, string field, string kind, string code, string what)
        {
            if (catalog.IsDeclared(kind, code))
            {
                return true;
            }

            if (catalog.UnreadableKinds.Contains(kind))
            {
                return false;
            }

            Report(item, field, "reference-unknown", $"unknown {what} '{code}'; it is not defined in {FileOf(kind)}.");
            return false;
        }

        private void Report(object item, string field, string code, string message)
        {
            var source = catalog.Sources[item];
            problems.Add(source.File, source.LineOf(field), code, message);
        }

        private static string FileOf(string kind) => kind switch
        {
            "departments" => CatalogParser.DepartmentsFile,
            "categories" => CatalogParser.CategoriesFile,
            "matters" => CatalogParser.MattersFile,
            "listTypes" => CatalogParser.ListTypesFile,
            "measures" => CatalogParser.MeasuresFile,
            "purposes" => CatalogParser.CatalogFile,
            _ => CatalogParser.MemorandaFile,
        };

        private static string Index(string key, int i) => $"{key}[{i.ToString(CultureInfo.InvariantCulture)}]";
    }
}
