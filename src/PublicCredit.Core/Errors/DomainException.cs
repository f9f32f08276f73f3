namespace PublicCredit.Errors;

/// <summary>What kind of refusal an error is; the web host maps each kind to one HTTP status, once.</summary>
public enum ErrorKind
{
    /// <summary>The content is invalid (HTTP 422).</summary>
    Invalid,
    /// <summary>The request body could not be read at all (HTTP 400).</summary>
    Malformed,
    /// <summary>No credentials, or credentials that are not valid (HTTP 401).</summary>
    Unauthenticated,
    /// <summary>Valid credentials lacking the role or the department scope (HTTP 403).</summary>
    Forbidden,
    /// <summary>The target does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>The target's state does not allow this now (HTTP 409).</summary>
    Conflict,
    /// <summary>The caller has used up its allowance for now (HTTP 429 with <c>Retry-After</c>).</summary>
    RateLimited,
}

/// <summary>One problem with one field: a stable kebab-case code, a human message, and the field it concerns.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// The one error type of the domain: a stable kebab-case <see cref="Code"/>, a message, and for validation
/// the field-level <see cref="Errors"/>. Hosts map it to ProblemDetails (HTTP) or an exit code (CLI) in one place.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(ErrorKind kind, string code, string message, IReadOnlyList<FieldError>? errors = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Errors = errors ?? [];
    }

    public ErrorKind Kind { get; }

    public string Code { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>
    /// Further facts a client can act on, written as extension members of the problem next to <c>code</c>
    /// (e.g. the id of the existing record a submission conflicts with). Keys are camelCase.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public static DomainException Invalid(string field, string code, string message) =>
        new(ErrorKind.Invalid, code, message, [new FieldError(field, code, message)]);

    public static DomainException Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one field error is required.", nameof(errors));
        }

        var first = errors[0];
        var message = errors.Count == 1 ? first.Message : $"{first.Message} (and {errors.Count - 1} more problem(s))";
        return new(ErrorKind.Invalid, first.Code, message, errors);
    }

    public static DomainException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static DomainException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static DomainException Conflict(string code, string message, IReadOnlyList<FieldError> errors, IReadOnlyDictionary<string, object?> extensions) =>
        new(ErrorKind.Conflict, code, message, errors) { Extensions = extensions };

    public static DomainException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    /// <summary>429: try again after <paramref name="retryAfter"/> (the web host sends it as <c>Retry-After</c>).</summary>
    public static DomainException RateLimited(string code, string message, TimeSpan retryAfter) =>
        new(ErrorKind.RateLimited, code, message) { RetryAfter = retryAfter };

    /// <summary>For <see cref="ErrorKind.RateLimited"/>: when the caller may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static DomainException Unauthenticated(string code, string message) =>
        new(ErrorKind.Unauthenticated, code, message);
}
