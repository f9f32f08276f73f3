using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Time;
using PublicCredit.Web.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Designations;

/// <summary>
/// One designation in the console (docs/web.md#what-each-page-shows): status, notice and the objection deadline with the working days
/// left (catalog calendar, docs/design.md#9-time-is-an-input), and for a reviewer of the owning department the decision form — the
/// same <see cref="DecideDesignation"/> as the API, so deciding before the deadline without a statement is refused
/// (409) with the domain's reason; and, for that reviewer while the designation is not closed, the revoke form — the same
/// <see cref="RevokeDesignation"/> as <c>POST /api/v1/designations/{id}/revoke</c> (reasons required, the revocation
/// document's number optional). Reading it is an inquiry, as on the API.
/// </summary>
public sealed class ShowModel(
    ReadDesignation read, DecideDesignation decide, RevokeDesignation revoke, CreditCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public static readonly IReadOnlyList<(string Field, string Kind)> Fields =
    [
        (DesignationFields.DecisionDocument, "text"),
        (DesignationFields.Reasons, "textarea"),
        (DesignationFields.Term, "text"),
    ];

    public DesignationView? View { get; private set; }

    public FormState Form { get; private set; } = new();

    /// <summary>The revoke form's values and errors (its own, so a refused revocation never marks the decide form).</summary>
    public FormState RevokeForm { get; private set; } = new();

    public string? RevokeError { get; private set; }

    public string? Outcome { get; private set; }

    public string? FormError { get; private set; }

    public string ListName => View is null ? string.Empty
        : catalog.ListTypes.TryGet(View.ListType, out var list) ? list.Name.For(Display.Language) : View.ListType;

    public bool CanDecide => View is { Status: DesignationStatus.Noticed } view
        && WebSessions.Current(HttpContext) is { Role: Role.Reviewer } caller && caller.Department == view.Department;

    /// <summary>The owning department's reviewer may withdraw a designation until it is closed (DesignationLifecycle.Revoke).</summary>
    public bool CanRevoke => View is { } view && view.Status is not (DesignationStatus.Revoked or DesignationStatus.Restored or DesignationStatus.Removed)
        && WebSessions.Current(HttpContext) is { Role: Role.Reviewer } caller && caller.Department == view.Department;

    /// <summary>"N working days left" or "passed", counted on the catalog calendar from today (China date).</summary>
    public string DeadlineText
    {
        get
        {
            var today = ChinaTime.Today(clock);
            if (View is null || View.ObjectionDeadline < today)
            {
                return l["DesignationPage.DeadlinePassed"];
            }

            return string.Format(CultureInfo.CurrentCulture, l["DesignationPage.DaysLeft"], catalog.Calendar.WorkingDaysBetween(today, View.ObjectionDeadline));
        }
    }

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Form = FormState.From(Request.Form);
        var input = new DecisionInput(Form.OrNull(DesignationFields.DecisionDocument), Form.OrNull(DesignationFields.Reasons), null,
            Form.OrNull(DesignationFields.Term), []);
        try
        {
            var decided = await decide.RunAsync(WebSessions.Current(HttpContext), id, input, cancellationToken);
            Outcome = string.Format(CultureInfo.CurrentCulture, l["DesignationPage.Decided"], Display.Date(decided.EffectiveFrom), Display.Date(decided.ExpiresAt));
            Form = new FormState();
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            if (ex.Kind == ErrorKind.Invalid && ex.Errors.Count > 0)
            {
                Form.Add(l, ex.Errors);
            }
            else
            {
                FormError = Display.Refusal(l, ex);
            }

            Response.StatusCode = ProblemMapping.StatusOf(ex.Kind);
        }

        await LoadAsync(id, cancellationToken);
    }

    public async Task OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        RevokeForm = FormState.From(Request.Form);
        var input = new RevocationInput(RevokeForm.OrNull(DesignationFields.Reasons), RevokeForm.OrNull(DesignationFields.RevocationDocument), []);
        try
        {
            var revoked = await revoke.RunAsync(WebSessions.Current(HttpContext), id, input, cancellationToken);
            Outcome = string.Format(CultureInfo.CurrentCulture, l["DesignationPage.Revoked"], Display.Instant(revoked.RevokedAt));
            RevokeForm = new FormState();
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            if (ex.Kind == ErrorKind.Invalid && ex.Errors.Count > 0)
            {
                RevokeForm.Add(l, ex.Errors);
            }
            else
            {
                RevokeError = Display.Refusal(l, ex);
            }

            Response.StatusCode = ProblemMapping.StatusOf(ex.Kind);
        }

        await LoadAsync(id, cancellationToken);
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            View = await read.RunAsync(WebSessions.Current(HttpContext), id, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            FormError = ex.Message;
            Response.StatusCode = ex.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        }
    }
}
