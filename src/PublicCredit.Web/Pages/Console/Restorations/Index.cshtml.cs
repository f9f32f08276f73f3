using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Restorations;
using PublicCredit.Web.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Restorations;

/// <summary>
/// A reviewer's restoration queue (docs/web.md#what-each-page-shows; docs/domain.md#objections-and-restoration: accept within 3, decide within 10 working days): the
/// department's applications by the deadline of their next step (accept-by while submitted, decide-by once accepted),
/// overdue ones marked, with the accept and decide forms — the same <see cref="ReadRestoration.QueueAsync"/>,
/// <see cref="AcceptRestoration"/> and <see cref="DecideRestoration"/> as <c>GET /api/v1/restorations?status=</c> and
/// <c>POST …/accept</c>, <c>…/decide</c>: role, department scope, deadlines and "overdue" are the use cases', and each
/// subject shown is logged as an inquiry.
/// </summary>
public sealed class IndexModel(ReadRestoration read, AcceptRestoration accept, DecideRestoration decide, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = "/console/restorations";

    /// <summary>The filter values of the API, in the order a reviewer needs them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["open", "submitted", "accepted", "granted", "refused", "all"];

    public IReadOnlyList<RestorationQueueItem> Queue { get; private set; } = [];

    public string Status { get; private set; } = "open";

    public string? StatusError { get; private set; }

    /// <summary>The application whose step was refused, what was posted, and the domain's reasons by field.</summary>
    public Guid? FailedId { get; private set; }

    public string? FailedOutcome { get; private set; }

    public string? FailedReasons { get; private set; }

    public Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? StepError { get; private set; }

    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim();
        try
        {
            Queue = await read.QueueAsync(WebSessions.Current(HttpContext), Status, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            StatusError = ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : ex.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }

    /// <summary>Accept (<paramref name="step"/> <c>accept</c>, field <c>accepted</c>) or decide (<c>decide</c>, field <c>granted</c>).</summary>
    public async Task<IActionResult> OnPostStepAsync(Guid id, string? step, string? outcome, string? reasons, string? status, CancellationToken cancellationToken)
    {
        var input = new RestorationStepInput(outcome switch { "true" => true, "false" => false, _ => null }, reasons, []);
        try
        {
            var caller = WebSessions.Current(HttpContext);
            _ = step == "decide"
                ? await decide.RunAsync(caller, id, input, cancellationToken)
                : await accept.RunAsync(caller, id, input, cancellationToken);
            return LocalRedirect(Path + (string.IsNullOrWhiteSpace(status) || status == "open" ? "" : "?status=" + Uri.EscapeDataString(status)));
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            (FailedId, FailedOutcome, FailedReasons) = (id, outcome, reasons);
            foreach (var error in ex.Errors)
            {
                // The outcome's API field is "accepted" or "granted"; on the page it is the one radio group.
                var field = error.Field == RestorationJson.Reasons ? "reasons" : "outcome";
                if (!FieldErrors.TryGetValue(field, out var list))
                {
                    FieldErrors[field] = list = [];
                }

                list.Add(Display.Error(l, error));
            }

            if (ex.Errors.Count == 0)
            {
                StepError = Display.Refusal(l, ex);
            }

            await OnGetAsync(status, cancellationToken);
            Response.StatusCode = ProblemMapping.StatusOf(ex.Kind);
            return Page();
        }
    }

    public IReadOnlyList<string> ErrorsOf(Guid id, string field) =>
        FailedId == id && FieldErrors.TryGetValue(field, out var list) ? list : [];
}
