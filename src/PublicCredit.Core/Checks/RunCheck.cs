using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Enforcement;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Time;
using PublicCredit.Text;

namespace PublicCredit.Checks;

/// <summary>A check as the caller sent it; <see cref="ReadErrors"/> holds fields of the wrong JSON type.</summary>
public sealed record CheckInput(string? Subject, string? Matter, string? AsOf, IReadOnlyList<FieldError> ReadErrors)
{
    /// <summary>Reads the body field by field, so a wrongly typed field is a coded 422, never a 500.</summary>
    public static CheckInput Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw DomainException.Invalid("", CheckProblemCodes.BodyInvalid, "The body is a JSON object {subject, matter, asOf?}.");
        }

        return new CheckInput(CheckBody.Text(body, "subject", errors), CheckBody.Text(body, "matter", errors), CheckBody.Text(body, "asOf", errors), errors);
    }

    /// <summary>Reads one item of a batch: an item that is not an object is that item's <c>check-body-invalid</c>, not the batch's.</summary>
    public static CheckInput ReadItem(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object ? Read(item) : NotAnObject;

    private static readonly CheckInput NotAnObject = new(null, null, null,
        [new FieldError("", CheckProblemCodes.BodyInvalid, "A check is a JSON object {subject, matter, asOf?}.")]);

    internal bool IsNotAnObject => ReferenceEquals(this, NotAnObject);
}

/// <summary>One measure a check found, with what makes it apply (docs/api.md shape).</summary>
public sealed record CheckedMeasure(
    string Measure,
    string Kind,
    string Binding,
    IReadOnlyList<string> LegalBasis,
    string? ListType,
    Guid? DesignationId,
    string? Memorandum,
    string ImplementingDepartment,
    string Through);

/// <summary>An incentive the subject would otherwise have had, withheld, and why (<see cref="WithholdingReason"/>'s code).</summary>
public sealed record WithheldMeasure(string Measure, string Kind, string Reason);

/// <summary>One item of a batch, by its index in the request: the check's answer, or the problem that refused the item.</summary>
public sealed record BatchCheckItem(int Index, CheckResult? Result, DomainException? Problem);

/// <summary>The check's answer; <see cref="Withheld"/> is null (left out of the JSON) when nothing was withheld.</summary>
public sealed record CheckResult(Guid CheckId, string Outcome, IReadOnlyList<CheckedMeasure> Measures, long DataVersion, IReadOnlyList<WithheldMeasure>? Withheld = null);

/// <summary>
/// The embedded check (docs/api.md#checks <c>POST /api/v1/checks</c>; docs/design.md#the-hot-path-the-embedded-check; ADR 0010): which measures apply to a
/// subject in a matter at an instant (now, or <c>asOf</c> in the past or future). Answered from the in-memory
/// <see cref="EnforcementIndex"/> and <see cref="CleanRecord"/> only — never the database; the one write is the
/// inquiry, through the group-commit <see cref="InquiryLog"/>, and the answer waits until it is durable (docs/domain.md#personal-information).
/// </summary>
public sealed class RunCheck(EnforcementIndex index, CleanRecord clean, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "POST /api/v1/checks";

    /// <summary>The endpoint a batch item's inquiry names (docs/checks.md#batch-checks; ADR 0050).</summary>
    public const string BatchEndpoint = "POST /api/v1/checks/batch";

    /// <summary>The most items one batch may hold.</summary>
    public const int MaxBatch = 1000;

    /// <summary>Whether an inquiry's endpoint is a check's, single or batched (feedback and statistics find checks by it).</summary>
    public static bool IsCheck(string? endpoint) => endpoint is Endpoint or BatchEndpoint;

    public async Task<CheckResult> RunAsync(Caller caller, CheckInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Checker);

        var errors = new List<FieldError>();
        var answer = Evaluate(input, clock.GetUtcNow(), errors) ?? throw DomainException.Invalid(errors);
        var checkId = await inquiries.RecordAsync(caller, answer.Subject, answer.Matter, Endpoint, answer.Returned, cancellationToken);
        return answer.WithId(checkId);
    }

    /// <summary>
    /// Up to <see cref="MaxBatch"/> checks in one call (<c>POST /api/v1/checks/batch</c>, ADR 0050): each item is evaluated
    /// exactly as <see cref="RunAsync"/> would, an invalid item gets its own problem (never the whole batch), and the valid
    /// items' inquiries are handed to the <see cref="InquiryLog"/> together — one durable commit, one inquiry (checkId) per
    /// item — before anything is answered.
    /// </summary>
    public async Task<IReadOnlyList<BatchCheckItem>> RunBatchAsync(Caller caller, IReadOnlyList<CheckInput> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(items);
        caller.RequireRole(Role.Checker);
        if (items.Count == 0)
        {
            throw DomainException.Invalid("items", CheckProblemCodes.BatchEmpty, "A batch holds at least one check.");
        }

        if (items.Count > MaxBatch)
        {
            throw DomainException.Invalid("items", CheckProblemCodes.BatchTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"A batch holds at most {MaxBatch} checks; this one has {items.Count}. Split it."));
        }

        // One instant for the whole batch: every item is answered as a single check made at the same moment.
        var now = clock.GetUtcNow();
        var answers = new Answer?[items.Count];
        var problems = new DomainException?[items.Count];
        var toLog = new List<InquiryEntry>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var errors = new List<FieldError>();
            answers[i] = Evaluate(items[i], now, errors);
            if (answers[i] is { } answer)
            {
                toLog.Add(new InquiryEntry(answer.Subject, new InquiryReason(answer.Matter), answer.Returned));
            }
            else
            {
                problems[i] = DomainException.Invalid(errors);
            }
        }

        var ids = toLog.Count == 0 ? [] : await inquiries.RecordAllAsync(caller, toLog, BatchEndpoint, cancellationToken);
        var result = new BatchCheckItem[items.Count];
        var next = 0;
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = answers[i] is { } answer ? new BatchCheckItem(i, answer.WithId(ids[next++]), null) : new BatchCheckItem(i, null, problems[i]);
        }

        return result;
    }

    /// <summary>One check's answer before its inquiry is stored.</summary>
    private sealed record Answer(string Subject, string Matter, string Outcome, List<CheckedMeasure> Measures, long DataVersion, List<WithheldMeasure>? Withheld, string Returned)
    {
        public CheckResult WithId(Guid checkId) => new(checkId, Outcome, Measures, DataVersion, Withheld);
    }

    /// <summary>Evaluates one check from the index alone; null with <paramref name="errors"/> filled when the input is invalid.</summary>
    private Answer? Evaluate(CheckInput input, DateTimeOffset now, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        errors.AddRange(input.ReadErrors);
        if (input.IsNotAnObject)
        {
            return null;
        }

        SubjectId? subject = null;
        if (input.Subject is null)
        {
            errors.Add(new FieldError("subject", IdentifierProblem.SubjectIdInvalidCode, "A check names its subject (USCC or resident ID)."));
        }
        else if (!SubjectId.TryParse(input.Subject, ChinaTime.Today(clock), out subject, out var problem))
        {
            errors.Add(new FieldError("subject", IdentifierProblem.SubjectIdInvalidCode, problem.ToString()));
        }

        var matter = -1;
        if (input.Matter is null || !index.Rules.TryMatter(input.Matter.Trim(), out matter))
        {
            errors.Add(new FieldError("matter", CheckProblemCodes.UnknownMatter,
                $"'{JsonMembers.Shorten(input.Matter ?? "")}' is not a matter of the catalog (GET /api/v1/catalog lists them)."));
        }

        var asOf = now;
        if (input.AsOf is not null)
        {
            switch (ReadInstant(input.AsOf, out asOf))
            {
                case DateReading.Unreadable:
                    errors.Add(new FieldError("asOf", CheckProblemCodes.AsOfInvalid,
                        "asOf is an ISO-8601 instant with an offset (2027-01-01T09:00:00+08:00) or a date (2027-01-01, 00:00 China time)."));
                    break;
                case DateReading.OutOfRange:
                    errors.Add(InputRange.OutOfRange("asOf", input.AsOf));
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        // The position is read before the index: the answer reflects at least this ledger position (dataVersion).
        var dataVersion = index.Position;
        var applied = new List<AppliedMeasure>();
        var key = SubjectKey.Of(subject!.Value);
        index.Check(key, matter, asOf, applied);
        // Defence in depth (ADR 0042): beside an effective black entry no incentive is given, even if a red entry was
        // never set aside; what would have applied is listed under withheld with the reason.
        var blackInForce = index.BlackInForce(key, asOf) is not null;
        List<WithheldMeasure>? withheld = null;
        var measures = new List<CheckedMeasure>(applied.Count + 1);
        foreach (var a in applied)
        {
            var measure = a.Rule.Measure;
            if (blackInForce && measure.Kind == MeasureKind.Incentive)
            {
                (withheld ??= []).Add(new WithheldMeasure(measure.Code, measure.Kind.Code(), WithholdingReason.BlackEntryInForce.Code()));
                continue;
            }

            measures.Add(new CheckedMeasure(
                measure.Code,
                measure.Kind.Code(),
                measure.Binding.Code(),
                LegalBases(measure),
                a.Rule.ListType.Code,
                a.DesignationId,
                a.Rule.Memorandum.Code,
                measure.ImplementingDepartment,
                a.Reach == Reach.Subject ? "subject" : "responsible-person"));
        }

        foreach (var (green, reason) in clean.GreenChannel(subject, input.Matter!.Trim(), asOf))
        {
            if ((reason ?? (blackInForce ? WithholdingReason.BlackEntryInForce : null)) is { } why)
            {
                // A subject the platform has not known for the clean period: nothing shows it clean (docs/checks.md).
                (withheld ??= []).Add(new WithheldMeasure(green.Code, green.Kind.Code(), why.Code()));
                continue;
            }

            measures.Add(greenChannel.GetOrAdd(green, m => new CheckedMeasure(
                m.Code, m.Kind.Code(), m.Binding.Code(), LegalBases(m), null, null, null, m.ImplementingDepartment, "subject")));
        }

        var outcome = measures.Count == 0 ? "clear" : "measures";
        var matterCode = input.Matter!.Trim();
        return new Answer(subject.Value, matterCode, outcome, measures, dataVersion, withheld, Returned(outcome, measures));
    }

    /// <summary>What the inquiry keeps of the answer: the outcome and each measure code once (feedback and statistics
    /// read it back, <see cref="ReturnedMeasures"/>).</summary>
    public static string Returned(string outcome, IEnumerable<CheckedMeasure> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var codes = measures.Select(m => m.Measure + "@" + (m.Memorandum ?? "")).Distinct(StringComparer.Ordinal);
        var text = string.Join(' ', new[] { "check:" + outcome }.Concat(codes));
        return text.Length <= 500 ? text : text[..500];
    }

    /// <summary>(measure, memorandum) pairs a check returned, from its inquiry's <c>Returned</c>.</summary>
    public static IReadOnlyList<(string Measure, string? Memorandum)> ReturnedMeasures(string? returned) =>
        [.. (returned ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("check:", StringComparison.Ordinal))
            .Select(p => p.Split('@') is [var measure, var memo] ? (measure, memo.Length == 0 ? null : memo) : (p, (string?)null))];

    // The catalog's measures do not change while the process runs: their texts are built once, not on every check
    // (bench check-http, ADR 0016). Keyed by reference — a Measure is a record with list members.
    private readonly ConcurrentDictionary<Measure, IReadOnlyList<string>> legalBases = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Measure, CheckedMeasure> greenChannel = new(ReferenceEqualityComparer.Instance);

    private IReadOnlyList<string> LegalBases(Measure measure) => legalBases.GetOrAdd(measure, LegalBasesOf);

    private static IReadOnlyList<string> LegalBasesOf(Measure measure) =>
        [.. measure.LegalBasis.Select(b => string.Join(" ", new[] { b.Law, b.Document is null ? null : $"（{b.Document}）", b.Article }.Where(s => s is not null)))];

    /// <summary>An instant with an offset, or a date meaning 00:00 China time that day, inside <see cref="InputRange"/>
    /// (checked before the index or the green channel does arithmetic with it, ADR 0027).</summary>
    private static DateReading ReadInstant(string text, out DateTimeOffset instant)
    {
        var reading = InputRange.ReadInstant(text, out instant);
        if (reading != DateReading.Unreadable)
        {
            return reading;
        }

        // Other ISO-8601 spellings with an offset are read too; one without an offset would be ambiguous: refused rather than guessed.
        text = text.Trim();
        if (text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
        {
            return InputRange.Contains(instant) ? DateReading.Read : DateReading.OutOfRange;
        }

        instant = default;
        return DateReading.Unreadable;
    }

}
