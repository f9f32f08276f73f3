using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Reports;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Reports;

/// <summary>The credit report (API.md "Web pages": <c>/public/subjects/{subjectId}/report.pdf</c>; issue 8 §3).</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/public/subjects/{subjectId}/report.pdf", async (
                string subjectId, HttpContext http, IssueCreditReport issue, ReportFonts fonts,
                IStringLocalizer<SharedResource> l, CreditCatalog catalog, CancellationToken cancel) =>
            {
                if (fonts.Font is not { } font)
                {
                    return Results.Problem(fonts.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Reports are unavailable",
                        extensions: new Dictionary<string, object?> { ["code"] = "report-font-missing" });
                }

                // The printed address is this site's own, as the reader reached it.
                var site = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
                var report = await issue.RunAsync(subjectId, new CreditReportPdf(l, catalog, font, site), cancel);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(report.Pdf, "application/pdf", $"credit-report-{ReportCodes.Display(report.Code)}.pdf");
            })
            .AllowPublic()
            .WithName("CreditReportPdf")
            .WithSummary("The public profile as a PDF credit report with a signed verification code; its digest is kept for /verify/{code}.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }
}
