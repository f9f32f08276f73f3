using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Import;
using PublicCredit.Storage;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Session;
using PublicCredit.Web.Uploads;
using PublicCredit.Web.Errors;
using PublicCredit.Records;

namespace PublicCredit.Web.Pages.Console.Uploads;

/// <summary>
/// A recorder uploads a CSV or NDJSON file of records (docs/web.md#what-each-page-shows; ADR 0019). The request body is read as a stream —
/// the antiforgery token first, checked before a byte of the file is kept, then the file straight to disk with its
/// SHA-256, refused past the limit with a message on this page (not Kestrel's 413) — and the file is handed to
/// <see cref="RecordUploads"/>, which imports it with `pcredit import`'s own use case as this department. The
/// browser goes on at once to the run's progress page.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // checked by hand once the token's form field is read, before the file (ADR 0019)
public sealed class IndexModel(
    RecordUploads uploads, UploadFolder folder, HostSettings settings, CreditCatalog catalog, PublicCreditDbContext db,
    IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string FileField = "file";
    private const int RecentRuns = 10;

    public CreditCatalog Catalog => catalog;

    public string Department { get; private set; } = string.Empty;

    public string LimitMegabytes => UploadFolder.Megabytes(settings.UploadLimitBytes);

    /// <summary>Why the upload was refused, next to the file input.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyList<ImportRunRow> Recent { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var caller = WebSessions.Current(HttpContext);
        var cancel = HttpContext.RequestAborted;
        var limit = settings.UploadLimitBytes;
        // Room for the form around the file and for reading an oversized file to its end, so the browser gets this
        // page and not a reset connection; past that, Kestrel stops reading (ADR 0019).
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = (2 * limit) + (1 << 20);
        }

        StoredUpload? stored = null;
        DomainException? refused = null;
        var tokenChecked = false;
        try
        {
            if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type)
                || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            {
                return new BadRequestResult();
            }

            var reader = new MultipartReader(boundary, Request.Body);
            while (await reader.ReadNextSectionAsync(cancel) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    await section.Body.CopyToAsync(Stream.Null, cancel);
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (!tokenChecked && disposition.IsFormDisposition() && name == antiforgeryOptions.Value.FormFieldName)
                {
                    using var text = new StreamReader(section.Body);
                    // The store reads a header before it would read the form: the form's own token, checked as usual.
                    Request.Headers[antiforgeryOptions.Value.HeaderName!] = await text.ReadToEndAsync(cancel);
                    await antiforgery.ValidateRequestAsync(HttpContext);
                    tokenChecked = true;
                }
                else if (tokenChecked && disposition.IsFileDisposition() && name == FileField && stored is null && refused is null
                    && HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value is { Length: > 0 } fileName)
                {
                    try
                    {
                        stored = await folder.StoreAsync(section.Body, fileName, caller.Department!, caller.Actor, limit, cancel);
                    }
                    catch (DomainException ex)
                    {
                        refused = ex;
                    }
                }

                // Whatever was not read (the rest of an oversized file, fields we do not know) is read to its end.
                await section.Body.CopyToAsync(Stream.Null, cancel);
            }
        }
        catch (AntiforgeryValidationException)
        {
            return new BadRequestResult();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            refused = UploadFolder.TooLarge(limit);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // BadHttpRequestException is an IOException; so is a multipart body that ends before its closing boundary.
            refused = DomainException.Invalid(FileField, WebProblemCodes.UploadUnreadable, "The upload could not be read: " + ex.Message);
        }

        if (!tokenChecked)
        {
            // As the framework answers a form without its token (PageSecurityTests).
            return new BadRequestResult();
        }

        refused ??= stored is null ? DomainException.Invalid(FileField, WebProblemCodes.UploadFileMissing, "Choose a CSV or NDJSON file to upload.") : null;
        if (refused is null)
        {
            try
            {
                var runId = await uploads.BeginAsync(stored!, cancel);
                return LocalRedirect($"/console/records/upload/{runId}");
            }
            catch (DomainException ex)
            {
                refused = ex;
            }
        }

        return await RefusedAsync(refused);
    }

    private async Task<IActionResult> RefusedAsync(DomainException refused)
    {
        var messages = new List<string> { Display.Refusal(l, refused) };
        if (refused.Code == RecordProblemCodes.ImportHeaderInvalid)
        {
            // Each column the file cannot be imported with, by its name in the file, in the page's language.
            messages.AddRange(refused.Errors.Select(e => $"{e.Field}: {Display.Error(l, e)}"));
        }

        Errors = messages;
        Response.StatusCode = refused.Code == WebProblemCodes.UploadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Department = WebSessions.Current(HttpContext).Department ?? string.Empty;
        Recent = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Department == Department)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(RecentRuns)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
