using Microsoft.EntityFrameworkCore;
using PublicCredit.Storage;
using PublicCredit.Text;

namespace PublicCredit.Access;

/// <summary>
/// The keys an administrator has authority over (ADR 0031): a department's admin sees its own department's keys of
/// the roles it may manage; a platform admin and the operator see every key. Newest first.
/// </summary>
public sealed class ListApiKeys(PublicCreditDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyView>> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(KeyAuthority.Administrators);
        var query = db.ApiKeys.AsNoTracking();
        if (caller.Role == Role.Admin && !caller.IsOperator)
        {
            var department = caller.Department ?? string.Empty;
            var roles = KeyAuthority.DepartmentRoles.Select(r => r.Code()).ToList();
            query = query.Where(k => k.Department == department && roles.Contains(k.Role));
        }

        var rows = await query.ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Lookup, StringComparer.Ordinal)
            .Where(k => KeyAuthority.MayManage(caller, Roles.Parse(k.Role), k.Department))
            .Select(k => ApiKeyView.Of(k, now))];
    }
}
