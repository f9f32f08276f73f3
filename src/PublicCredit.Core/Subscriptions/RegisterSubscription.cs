using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Changes;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Subscriptions;

/// <param name="Url">Where deliveries are POSTed (https; see <see cref="WebhookTargets"/>).</param>
/// <param name="Events">The changes feed's item types to deliver (docs/changes.md).</param>
/// <param name="ListTypes">Optional: deliver designation changes of these list types only.</param>
/// <param name="Subjects">Optional: a first watchlist given inline (larger ones: PUT …/subjects).</param>
public sealed record RegisterSubscriptionRequest(string? Url, IReadOnlyList<string?>? Events, IReadOnlyList<string?>? ListTypes = null, IReadOnlyList<string?>? Subjects = null);

/// <summary>
/// Registers a webhook subscription for the caller's department (ADR 0052): a checker only; the server makes the
/// signing secret (32 random bytes), returns it once and stores it sealed; deliveries start after the ledger head at
/// registration. The registration (and an inline watchlist) are ledger events in the same transaction.
/// </summary>
public sealed class RegisterSubscription(
    PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog, TimeProvider clock, WebhookTargets targets, ISubscriptionSecrets secrets)
{
    public const string SecretPrefix = "whsec_";

    public async Task<RegisteredSubscription> RunAsync(Caller caller, RegisterSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(Role.Checker);

        var errors = new List<FieldError>();
        Uri? url = null;
        try
        {
            url = targets.Validate(request.Url);
        }
        catch (DomainException ex)
        {
            errors.AddRange(ex.Errors);
        }

        var events = (request.Events ?? []).Select(e => e?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0 || events.Any(e => !ChangeTypes.All.Contains(e, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError("events", SubscriptionProblemCodes.KindsInvalid,
                $"events lists one or more of the changes feed's item types ({string.Join(", ", ChangeTypes.All)})."));
        }

        List<string>? listTypes = null;
        if (request.ListTypes is { } given)
        {
            listTypes = [.. given.Select(l => l?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal)];
            foreach (var unknown in listTypes.Where(l => !catalog.ListTypes.ByCode.ContainsKey(l)))
            {
                errors.Add(new FieldError("listTypes", SubscriptionProblemCodes.ListTypeUnknown, $"'{unknown}' is not a list type of catalog {catalog.Version}."));
            }
        }

        SortedSet<string>? subjects = null;
        if (errors.Count == 0 && request.Subjects is { } inline)
        {
            subjects = Watchlists.FromList(inline, ChinaTime.Today(clock));
        }

        if (errors.Count > 0 || url is null)
        {
            throw DomainException.Invalid(errors);
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var head = await ledger.HeadPositionAsync(cancellationToken);
        var row = new SubscriptionRow
        {
            Id = Guid.CreateVersion7(now),
            Department = caller.Department!,
            CreatedBy = caller.Actor,
            CreatedAt = now,
            Url = url.AbsoluteUri,
            Events = string.Join(',', events),
            ListTypes = listTypes is null ? null : string.Join(',', listTypes),
            ProtectedSecret = secrets.Protect(secret),
            StartsAfter = head,
            Cursor = head,
        };
        db.Subscriptions.Add(row);
        await ledger.AppendAsync(LedgerEntry.Of(new SubscriptionRegistered(row.Id, row.Url, events, listTypes, head), caller.Actor, row.Department, null),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (subjects is not null)
        {
            await Watchlists.ReplaceWithinAsync(db, ledger, row, subjects, caller.Actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RegisteredSubscription(SubscriptionView.Of(row), SecretPrefix + Convert.ToHexStringLower(secret));
    }

    /// <summary>The caller's department's live subscription with this id, or 404 (another department's is not shown to exist).</summary>
    internal static async Task<SubscriptionRow> FindOwnAsync(PublicCreditDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.RequireRole(Role.Checker);
        var row = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.DeletedAt == null, cancellationToken);
        return row is not null && row.Department == caller.Department
            ? row
            : throw DomainException.NotFound(SubscriptionProblemCodes.NotFound, $"There is no subscription {id} of this department.");
    }
}
