using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Keys;

/// <summary>
/// Key administration in the console (docs/design.md#credentials-end; ADR 0030, 0031): the keys the signed-in admin has authority over,
/// with revoke and rotate, and a form to issue one — through <see cref="ListApiKeys"/>, <see cref="CreateApiKey"/>,
/// <see cref="RevokeApiKey"/> and <see cref="RotateApiKey"/>, exactly as <c>/api/v1/keys</c>, so the department and
/// role rules are the use cases'. A new key is shown once, on the answer to the form (the page is never cached).
/// </summary>
public sealed class IndexModel(
    ListApiKeys list, CreateApiKey create, RevokeApiKey revoke, RotateApiKey rotate, CreditCatalog catalog, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public CreditCatalog Catalog => catalog;

    /// <summary>The roles the caller may issue, and the departments (its own only, unless it is a platform admin).</summary>
    public IReadOnlyList<Role> IssuableRoles { get; private set; } = [];

    public IReadOnlyList<string> IssuableDepartments { get; private set; } = [];

    /// <summary>A key just issued or rotated: shown once.</summary>
    public CreatedApiKey? Created { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        Keys = await list.RunAsync(caller, cancellationToken);
        IssuableDepartments = caller.Role == Role.PlatformAdmin ? [.. catalog.Departments.Select(d => d.Code).Order(StringComparer.Ordinal)] : [caller.Department ?? string.Empty];
        IssuableRoles = [.. Roles.All.Where(r => IssuableDepartments.Any(d => KeyAuthority.MayManage(caller, r, d)))];
    }

    public Task<IActionResult> OnPostCreateAsync(string? role, string? department, string? name, string? expires, CancellationToken cancellationToken) =>
        RunAsync(async caller => Created = await create.RunAsync(caller,
            new CreateApiKeyRequest(role, department, name, string.IsNullOrWhiteSpace(expires) ? null : expires), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(async caller => await revoke.RunAsync(caller, id.ToString(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(async caller => Created = await rotate.RunAsync(caller, id.ToString(), null, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(Func<Caller, Task> action, CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        try
        {
            await action(caller);
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden or ErrorKind.NotFound)
        {
            Error = ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : Display.Refusal(l, ex);
            Response.StatusCode = ex.Kind switch
            {
                ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status404NotFound,
            };
        }

        if (Created is null && Error is null)
        {
            // Revoked: back to the list (no form resubmission on reload). A new key is shown on this answer only.
            return LocalRedirect("/console/keys");
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
