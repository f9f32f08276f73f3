using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Access;

public sealed record CreateApiKeyRequest(string? Role, string? Department, string? Name);

/// <summary>The key is in <see cref="Key"/> exactly once: only its hash is stored, so it cannot be shown again.</summary>
public sealed record CreatedApiKey(Guid Id, string Key, string Role, string Department, string Name);

/// <summary>
/// Issues an API key for one role and one catalog department. Only the hash is stored; the creation is a ledger
/// event in the same transaction (issue "Foundation" §6–7).
/// </summary>
public sealed class CreateApiKey(PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog, TimeProvider clock)
{
    public const string EventType = "api-key-created";

    public async Task<CreatedApiKey> RunAsync(Caller caller, CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(Role.Admin);

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
            errors.Add(new FieldError("department", "department-unknown",
                $"'{request.Department}' is not a department of catalog {catalog.Version}."));
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{role?.ToCode()}@{department}" : request.Name.Trim();
        if (name.Length > 200)
        {
            errors.Add(new FieldError("name", "name-too-long", "A key name has at most 200 characters."));
        }

        if (errors.Count > 0 || role is null)
        {
            throw DomainException.Invalid(errors);
        }

        var token = AccessToken.Generate(TokenKind.ApiKey);
        var row = new ApiKeyRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Lookup = token.Lookup,
            SecretHash = token.Hash(),
            Name = name,
            Role = role.Value.ToCode(),
            Department = department,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Actor,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiKeys.Add(row);
        await ledger.AppendAsync(
            new LedgerEntry(EventType, caller.Actor, department, null,
                new { keyId = row.Id, lookup = row.Lookup, role = row.Role, name = row.Name }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new CreatedApiKey(row.Id, token.Value, row.Role, row.Department, row.Name);
    }
}
