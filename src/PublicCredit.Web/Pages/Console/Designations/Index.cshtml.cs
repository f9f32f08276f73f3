using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PublicCredit.Web.Pages.Console.Designations;

/// <summary>Opens a designation by its id (the id the notice and the API answer carry); queues come with issue 7's pages.</summary>
public sealed class IndexModel : PageModel
{
    public bool Error { get; private set; }

    public IActionResult OnGet(string? id)
    {
        if (id is null)
        {
            return Page();
        }

        if (Guid.TryParse(id.Trim(), out var parsed))
        {
            return LocalRedirect("/console/designations/" + parsed.ToString());
        }

        Error = true;
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
