using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Access;

/// <param name="Role">The key's one role.</param>
/// <param name="Department">The key's one catalog department.</param>
/// <param name="Name">Who holds it (default role@department).</param>
/// <param name="Expires">The last China date the key works, <c>YYYY-MM-DD</c> (default: a year from now; ADR 0030).</param>
public sealed record CreateApiKeyRequest(string? Role, string? Department, string? Name, string? Expires = null);

/// <summary>The key is in <see cref="Key"/> exactly once: only its hash is stored, so it cannot be shown again.</summary>
public sealed record CreatedApiKey(Guid Id, string Key, string Role, string Department, string Name, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues an API key for one role and one catalog department. Only the hash is stored; the creation is a ledger
/// event in the same transaction, naming who issued it (docs/design.md#8-everything-is-evidence). A department's admin issues keys
/// for its own department only, never auditor or platform-admin keys (docs/design.md#scope-no-department-acts-for-another; ADR 0031, <see cref="KeyAuthority"/>).
/// </summary>
public sealed class CreateApiKey(PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog, TimeProvider clock)
{
    public const string EventType = ApiKeyCreated.EventType;

    /// <summary>How long a key works unless its issuer says otherwise (docs/design.md#credentials-end).</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(365);

    /// <summary>The furthest expiry an issuer may choose, in years from today.</summary>
    public const int MaxValidityYears = 3;

    /// <summary>The furthest last day an issuer may choose today, as <c>expires</c> takes it (YYYY-MM-DD, China date).</summary>
    public static string LongestExpiry(TimeProvider clock) =>
        ChinaTime.Today(clock).AddYears(MaxValidityYears).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<CreatedApiKey> RunAsync(Caller caller, CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(KeyAuthority.Administrators);

        var errors = new List<FieldError>();
        Role? role = null;
        try
        {
            role = Roles.Parse(request.Role);
        }
        catch (DomainException ex)
        {
            errors.AddRange(ex.Errors);
        }

        var department = request.Department?.Trim() ?? string.Empty;
        if (!catalog.Departments.Contains(department))
        {
            errors.Add(new FieldError("department", AccessProblemCodes.DepartmentUnknown,
                $"'{request.Department}' is not a department of catalog {catalog.Version}."));
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{role?.Code()}@{department}" : request.Name.Trim();
        if (name.Length > 200)
        {
            errors.Add(new FieldError("name", AccessProblemCodes.NameTooLong, "A key name has at most 200 characters."));
        }

        var expiresAt = ExpiryOf(request.Expires, clock, errors);
        if (errors.Count > 0 || role is null)
        {
            throw DomainException.Invalid(errors);
        }

        KeyAuthority.RequireAuthorityOver(caller, role.Value, department);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await IssueWithinAsync(caller, role.Value, department, name, expiresAt, rotatedFrom: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Adds a key and its ledger event inside the caller's transaction, without saving (also used by rotation).</summary>
    internal async Task<CreatedApiKey> IssueWithinAsync(
        Caller caller, Role role, string department, string name, DateTimeOffset expiresAt, Guid? rotatedFrom, CancellationToken cancellationToken)
    {
        // Microseconds, as PostgreSQL keeps them: the instants in the ledger payload are the ones stored.
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var token = AccessToken.Generate(TokenKind.ApiKey);
        var row = new ApiKeyRow
        {
            Id = Guid.CreateVersion7(now),
            Lookup = token.Lookup,
            SecretHash = token.Hash(),
            Name = name,
            Role = role.Code(),
            Department = department,
            CreatedAt = now,
            CreatedBy = caller.Actor,
            ExpiresAt = LedgerChain.Truncate(expiresAt),
        };

        db.ApiKeys.Add(row);
        var payload = new ApiKeyCreated(row.Id, row.Lookup, row.Role, row.Name, row.ExpiresAt, rotatedFrom);
        await ledger.AppendAsync(LedgerEntry.Of(payload, caller.Actor, department, null), cancellationToken);
        return new CreatedApiKey(row.Id, token.Value, row.Role, row.Department, row.Name, row.ExpiresAt.Value);
    }

    /// <summary>
    /// The instant a key given <paramref name="expires"/> stops working: it works through that China date, so it
    /// expires at the start of the next. Null input gives <see cref="DefaultValidity"/> from now.
    /// </summary>
    internal static DateTimeOffset ExpiryOf(string? expires, TimeProvider clock, List<FieldError> errors)
    {
        var now = clock.GetUtcNow();
        if (expires is null)
        {
            return now + DefaultValidity;
        }

        var today = ChinaTime.Today(clock);
        if (!DateOnly.TryParseExact(expires.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
        {
            errors.Add(new FieldError("expires", AccessProblemCodes.KeyExpiryInvalid, $"'{expires}' is not a date YYYY-MM-DD."));
            return now;
        }

        if (last < today || last > today.AddYears(MaxValidityYears))
        {
            errors.Add(new FieldError("expires", AccessProblemCodes.KeyExpiryOutOfRange,
                $"A key's last day is from today ({today:yyyy-MM-dd}) to {MaxValidityYears} years ahead ({today.AddYears(MaxValidityYears):yyyy-MM-dd}), not {last:yyyy-MM-dd}."));
            return now;
        }

        return ChinaTime.StartOf(last.AddDays(1));
    }
}
