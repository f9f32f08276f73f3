using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Errors;
using PublicCredit.Reports;

namespace PublicCredit.Web.Pages;

/// <summary>
/// <c>/verify/{code}</c> (docs/api.md#web-pages; docs/web.md#credit-report): says whether a code was issued by this platform and what
/// that report contained — subject, time, data version, digest — so a reader can compare it with the paper; and
/// compares an uploaded PDF byte for byte (SHA-256) with the report issued under the code. A code that fails its
/// signature or is unknown answers 404 with a plain refusal.
/// </summary>
[RequestSizeLimit(MaxUpload + (64 * 1024))]
public sealed class VerifyModel(VerifyCreditReport verify, PublicCredit.Web.Security.PublicRateLimits limits) : PageModel
{
    /// <summary>Reports are a few hundred kilobytes; anything far larger is not one.</summary>
    public const int MaxUpload = 20 * 1024 * 1024;

    public string? Code { get; private set; }

    public VerifiedReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public bool? FileMatches { get; private set; }

    /// <summary>Seconds until this address may compare a file again, when it compared too many (ADR 0038).</summary>
    public int? RetryAfter { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? code, [FromQuery(Name = "code")] string? typed, CancellationToken cancellationToken)
    {
        if (code is null && !string.IsNullOrWhiteSpace(typed))
        {
            // The form on /verify asks by query; the address of a report is /verify/{code}.
            return Redirect("/verify/" + Uri.EscapeDataString(typed.Trim()));
        }

        if (code is not null)
        {
            await LoadAsync(code, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string? code, IFormFile? pdf, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            return Redirect("/verify");
        }

        if (limits.VerifyUpload(HttpContext) is { } retry)
        {
            // Before the code is looked up or the file hashed: 429 verify-rate-limited with Retry-After, in the page.
            RetryAfter = retry;
            Code = code;
            PublicCredit.Web.Security.PublicRateLimits.SetRetryAfter(HttpContext, retry);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        await LoadAsync(code, cancellationToken);
        if (Report is { } report && pdf is { Length: > 0 and <= MaxUpload })
        {
            using var buffer = new MemoryStream((int)pdf.Length);
            await pdf.CopyToAsync(buffer, cancellationToken);
            FileMatches = report.Matches(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        else if (Report is not null)
        {
            FileMatches = false;
        }

        return Page();
    }

    private async Task LoadAsync(string code, CancellationToken cancellationToken)
    {
        Code = code;
        try
        {
            Report = await verify.RunAsync(code, cancellationToken);
            Code = Report.Code;
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            Problem = ex.Code;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
