using System.Globalization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Time;

namespace PublicCredit.Records;

/// <summary>
/// A chunk of submitted records being validated item by item, in memory, touching no database: the first half of a
/// write, shared by the API (<see cref="SubmitRecords"/>) and the import's chunk writer. Each valid item becomes the
/// row it will be if it is new, so the import builds the next chunk's rows while the previous chunk is written
/// (ADR 0024 §3), and what only the validation needs dies young (ADR 0025). <see cref="Complete"/> hands the chunk to
/// the writer.
/// </summary>
public sealed class ChunkValidation
{
    private readonly RecordValidator validator;
    private readonly CreditCatalog catalog;
    private readonly Caller caller;
    private readonly DateTimeOffset now;
    private readonly DateOnly today;
    private readonly List<SubmissionOutcome> outcomes;
    private readonly List<(int Index, RecordRow Draft)> valid;

    private ChunkValidation(RecordValidator validator, CreditCatalog catalog, Caller caller, DateTimeOffset now, int limit, int expected)
    {
        (this.validator, this.catalog, this.caller, this.now, Limit) = (validator, catalog, caller, now, limit);
        today = ChinaTime.DateOf(now);
        // Made at the chunk's size once rather than grown: a chunk of 5000 grown by doubling ends in arrays past the
        // large-object threshold (ADR 0026 §2).
        (outcomes, valid) = (new(expected), new(expected));
    }

    /// <summary>The most items the chunk may hold (the writer's chunk limit).</summary>
    public int Limit { get; }

    /// <summary>How many items have been added.</summary>
    public int Count => outcomes.Count;

    /// <summary>Checks the caller (a recorder acting for a department) and opens a chunk of at most <paramref name="limit"/> items.</summary>
    /// <param name="expectedItems">How many items the chunk will hold, if known: its lists are made that size once.</param>
    internal static ChunkValidation Begin(
        Caller caller, RecordValidator validator, CreditCatalog catalog, DateTimeOffset now, int limit, int expectedItems = 0)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Recorder);
        _ = caller.Department ?? throw DomainException.Forbidden(AccessProblemCodes.DepartmentScope, "A recorder acts for a department.");
        return new ChunkValidation(validator, catalog, caller, now, limit, Math.Clamp(expectedItems, 0, limit));
    }

    /// <summary>Validates a whole batch at once; more than <paramref name="limit"/> items is <c>record-batch-too-large</c>.</summary>
    internal static ValidatedChunk All(
        Caller caller, IReadOnlyList<RecordInput> inputs, RecordValidator validator, CreditCatalog catalog, DateTimeOffset now, int limit)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var validation = Begin(caller, validator, catalog, now, limit, Math.Min(inputs.Count, limit));
        if (inputs.Count > validation.Limit)
        {
            throw DomainException.Invalid("", RecordProblemCodes.BatchTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {validation.Limit} records; this one has {inputs.Count}. Split it."));
        }

        foreach (var input in inputs)
        {
            validation.Add(input);
        }

        return validation.Complete();
    }

    public void Add(RecordInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Count == Limit)
        {
            throw new InvalidOperationException($"A chunk holds at most {Limit} items.");
        }

        var index = Count;
        if (CategoryProviders.Refusal(catalog, caller.Department, input.Category) is { } refusal)
        {
            // Outside the category's providers: refused before anything else is judged (docs/catalog.md#providers-and-sharing).
            outcomes.Add(new SubmissionOutcome(index, null, SubmissionStatus.Rejected, [refusal]));
            return;
        }

        var validation = validator.Validate(input, today);
        if (validation.Record is { } record)
        {
            valid.Add((index, Draft(record)));
            outcomes.Add(null!); // decided when written
        }
        else
        {
            outcomes.Add(new SubmissionOutcome(index, null, SubmissionStatus.Rejected, validation.Errors));
        }
    }

    public ValidatedChunk Complete() => new([.. outcomes], valid, today);

    /// <summary>
    /// The row a valid item becomes if it is new, built with the validation (ADR 0024 §3); the writer stamps it with
    /// the time of writing.
    /// </summary>
    private RecordRow Draft(ValidRecord record) =>
        RecordRow.From(record, Guid.CreateVersion7(now), 1, caller.Department!, now, now, caller.Actor,
            DoublePublicity.IsLate(catalog.Calendar, record.DecisionDate, today), reason: null);
}

/// <summary>A chunk validated by <see cref="ChunkValidation"/>: the rejections so far and the valid items to write.</summary>
public sealed class ValidatedChunk
{
    internal ValidatedChunk(SubmissionOutcome[] outcomes, List<(int Index, RecordRow Draft)> valid, DateOnly today) =>
        (Outcomes, Valid, Today) = (outcomes, valid, today);

    internal SubmissionOutcome[] Outcomes { get; }

    /// <summary>
    /// The valid items as the rows they become if they are new (drafts: not yet stamped with the time of writing). The
    /// draft holds all the writing needs, so the validated record dies with the validation (ADR 0026 §2).
    /// </summary>
    internal List<(int Index, RecordRow Draft)> Valid { get; }

    /// <summary>The day (China time) the drafts' late flags were measured on.</summary>
    internal DateOnly Today { get; }
}
