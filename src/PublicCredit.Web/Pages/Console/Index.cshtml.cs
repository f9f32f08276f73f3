using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Text;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console;

/// <summary>One thing the signed-in role may do: a page of the console, or (no page yet) what the API offers.</summary>
public sealed record ConsoleTask(string Key, string? Href);

/// <summary>
/// The console's landing page: who is signed in and what that role may do (docs/api.md#roles). Each task is what the API
/// admits for the role; those with a page link to it, the others name the API or command that does them today.
/// </summary>
public sealed class IndexModel(CreditCatalog catalog) : PageModel
{
    public string Role { get; private set; } = string.Empty;

    public string Department { get; private set; } = string.Empty;

    public CreditCatalog Catalog => catalog;

    public IReadOnlyList<ConsoleTask> Tasks { get; private set; } = [];

    public void OnGet()
    {
        var caller = WebSessions.Current(HttpContext);
        Role = caller.Role!.Value.Code();
        Department = caller.Department ?? string.Empty;
        Tasks = TasksOf(caller.Role.Value);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await WebSessions.SignOutAsync(HttpContext, SessionArea.Console);
        return LocalRedirect("/console/signin");
    }

    public static IReadOnlyList<ConsoleTask> TasksOf(Role role) => role switch
    {
        PublicCredit.Access.Role.Recorder =>
        [
            new("RecordEntry", "/console/records/new"),
            new("Import", "/console/records/upload"),
            new("ProposeDesignation", "/console/designations/new"),
        ],
        PublicCredit.Access.Role.Reviewer =>
        [
            new("DecideDesignation", "/console/designations"),
            new("Objections", "/console/objections"),
            new("Restorations", "/console/restorations"),
            new("RevokeDesignation", "/console/designations"),
        ],
        PublicCredit.Access.Role.Checker => [new("Check", null), new("Feedback", null)],
        PublicCredit.Access.Role.Auditor => [new("Ledger", null), new("Statistics", "/console/stats"), new("Inquiries", null)],
        _ => [new("Keys", "/console/keys"), new("Catalog", null)],
    };
}
