using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PublicCredit.Catalog;
using PublicCredit.Profiles;
using PublicCredit.Text;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The current public list as a file (docs/web.md#lists-catalog-and-home): <c>/lists/{code}.csv</c> and <c>/lists/{code}.ndjson</c>,
/// with the list page's filters. The entries are those of <see cref="ReadPublicList"/> — the API's and the page's rule,
/// subjects as the public sees them (individuals by public id and masked number) — written as they are read.
/// </summary>
internal static class ListDownloads
{
    public const string Csv = "csv";
    public const string Ndjson = "ndjson";

    /// <summary>The CSV columns before the list's own published entry fields.</summary>
    public static readonly string[] CsvColumns =
        ["id", "subject_id", "subject_name", "subject_kind", "subject_code", "department", "decision_document", "effective_from", "expires_at"];

    public static void MapListDownloads(this WebApplication app) =>
        app.MapGet("/lists/{code}.{format}", (string code, string format, string? region, string? department, string? from, string? to,
                HttpContext http, ReadPublicList read, CreditCatalog catalog) => Download(code, format, PublicListFilter.Parse(region, department, from, to, catalog), http, read))
            .AllowPublic()
            .ExcludeFromDescription();

    private static IResult Download(string code, string format, PublicListFilter filter, HttpContext http, ReadPublicList read)
    {
        if (format is not (Csv or Ndjson))
        {
            return Results.NotFound();
        }

        // Refusals (unknown list, bad filter) before the first byte, so they are still ProblemDetails.
        var list = read.Find(code);
        var day = PublicCredit.Time.ChinaTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{list.Code}-{day:yyyy-MM-dd}.{format}\"";
        http.Response.Headers.CacheControl = "no-cache";
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return format == Csv
            ? Results.Stream(body => WriteCsvAsync(body, list, read.StreamAsync(list, filter, http.RequestAborted), http.RequestAborted), "text/csv; charset=utf-8")
            : Results.Stream(body => WriteNdjsonAsync(body, read.StreamAsync(list, filter, http.RequestAborted), json, http.RequestAborted), "application/x-ndjson; charset=utf-8");
    }

    /// <summary>The fixed columns, then one per entry field the list publishes (docs/catalog.md#entry-fields), by its code.</summary>
    private static async Task WriteCsvAsync(Stream body, ListType list, IAsyncEnumerable<PublicListEntry> entries, CancellationToken cancel)
    {
        var fields = list.EntryFields.Where(f => f.Public).Select(f => f.Code).ToList();
        // A byte-order mark, so spreadsheet programs read the Chinese names as UTF-8.
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', CsvColumns.Concat(fields)));
        await foreach (var e in entries.WithCancellation(cancel))
        {
            string?[] cells =
            [
                e.Id.ToString(), e.Subject.Id, e.Subject.Name, e.Subject.Kind.Code(),
                e.Subject.Code, e.Department, e.DecisionDocument, Instant(e.EffectiveFrom), Instant(e.ExpiresAt),
                .. fields.Select(code => e.EntryFields?.FirstOrDefault(f => f.Code == code)?.Value),
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Cell)));
        }

        await writer.FlushAsync(cancel);
    }

    private static async Task WriteNdjsonAsync(Stream body, IAsyncEnumerable<PublicListEntry> entries, JsonSerializerOptions options, CancellationToken cancel)
    {
        var newline = "\n"u8.ToArray();
        var count = 0;
        await foreach (var e in entries.WithCancellation(cancel))
        {
            await JsonSerializer.SerializeAsync(body, e, options, cancel);
            await body.WriteAsync(newline, cancel);
            if (++count % 100 == 0)
            {
                await body.FlushAsync(cancel);
            }
        }
    }

    private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would take for a formula is prefixed with an apostrophe.</summary>
    public static string Cell(string? text)
    {
        var value = text ?? string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
