using System.Globalization;

namespace PublicCredit.Calendar;

/// <summary>A non-negative number of working days (工作日, docs/domain.md#deadlines-and-working-days): objection windows, restoration deadlines.</summary>
public readonly record struct WorkingDays
{
    public WorkingDays(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
    }

    public int Count { get; }

    public static WorkingDays Of(int count) => new(count);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} working day{(Count == 1 ? "" : "s")}");
}
