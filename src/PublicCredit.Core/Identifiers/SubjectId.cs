using System.Diagnostics.CodeAnalysis;
using PublicCredit.Text;

namespace PublicCredit.Identifiers;

/// <summary>Whether a credit subject is an organisation (USCC) or an individual (resident ID).</summary>
public enum SubjectKind
{
    [Code("organisation")]
    Organisation,
    [Code("individual")]
    Individual,
}

/// <summary>
/// The identifier of a credit subject: a <see cref="Identifiers.Uscc"/> for an organisation or a
/// <see cref="Identifiers.ResidentId"/> for an individual, always valid. Equal when kind and value are equal.
/// <see cref="ToString"/> is <see cref="Masked"/> (ADR 0002).
/// </summary>
public sealed class SubjectId : IEquatable<SubjectId>
{
    private readonly Uscc? _uscc;
    private readonly ResidentId? _residentId;

    private SubjectId(Uscc? uscc, ResidentId? residentId)
    {
        _uscc = uscc;
        _residentId = residentId;
    }

    public SubjectKind Kind => _residentId is null ? SubjectKind.Organisation : SubjectKind.Individual;

    /// <summary>The full normalised identifier; for an individual this is personal information.</summary>
    public string Value => _residentId?.Value ?? _uscc!.Value;

    /// <summary>A USCC is not personal information, so it is shown whole; a resident ID is masked.</summary>
    public string Masked => _residentId?.Masked ?? _uscc!.Value;

    /// <summary>The USCC when <see cref="Kind"/> is <see cref="SubjectKind.Organisation"/>, else null.</summary>
    public Uscc? AsUscc => _uscc;

    /// <summary>The resident ID when <see cref="Kind"/> is <see cref="SubjectKind.Individual"/>, else null.</summary>
    public ResidentId? AsResidentId => _residentId;

    public static SubjectId Of(Uscc uscc)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        return new SubjectId(uscc, null);
    }

    public static SubjectId Of(ResidentId residentId)
    {
        ArgumentNullException.ThrowIfNull(residentId);
        return new SubjectId(null, residentId);
    }

    /// <summary>
    /// Decides by content: 17 digits then a digit or 'X' that passes GB 11643 is a resident ID; anything else
    /// is judged by the USCC rules (an all-digit USCC exists, e.g. one starting with '9', which no resident ID does).
    /// When neither validates, the problem reported is the resident-ID one if the text has a resident ID's shape and
    /// a mainland division digit (1–8), otherwise the USCC one — the reason most likely to point at the typo.
    /// </summary>
    /// <param name="today">The date a birth date may not be after (inclusive).</param>
    public static bool TryParse(
        string? input,
        DateOnly today,
        [NotNullWhen(true)] out SubjectId? value,
        [NotNullWhen(false)] out IdentifierProblem? problem)
    {
        value = null;
        var text = IdentifierText.Normalise(input);
        IdentifierProblem? residentProblem = null;
        if (ResidentId.HasShape(text))
        {
            if (ResidentId.TryParseNormalised(text, today, out var residentId, out residentProblem))
            {
                value = Of(residentId);
                problem = null;
                return true;
            }
        }

        if (Uscc.TryParseNormalised(text, out var uscc, out var usccProblem))
        {
            value = Of(uscc);
            problem = null;
            return true;
        }

        problem = residentProblem is not null && text[0] is >= '1' and <= '8' ? residentProblem : usccProblem;
        return false;
    }

    public static bool TryParse(string? input, DateOnly today, [NotNullWhen(true)] out SubjectId? value) =>
        TryParse(input, today, out value, out _);

    /// <summary>Parses or throws <c>DomainException</c> <c>subject-id-invalid</c> on <c>subject.id</c>.</summary>
    public static SubjectId Parse(string input, DateOnly today) =>
        TryParse(input, today, out var value, out var problem) ? value : throw problem.ToException();

    public bool Equals(SubjectId? other) =>
        other is not null && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SubjectId);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>The <see cref="Masked"/> form (privacy by default, ADR 0002).</summary>
    public override string ToString() => Masked;

    public static bool operator ==(SubjectId? left, SubjectId? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SubjectId? left, SubjectId? right) => !(left == right);
}
