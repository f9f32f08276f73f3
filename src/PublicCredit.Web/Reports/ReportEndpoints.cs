using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Reports;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Reports;

/// <summary>The credit report (docs/api.md#web-pages: <c>/public/subjects/{subjectId}/report.pdf</c>; docs/web.md#credit-report).</summary>
internal static class ReportEndpoints
{
    private const string RatePolicy = "credit-reports";

    /// <summary>
    /// Reports per client address: a fixed one-minute window (ADR 0022). A refusal is 429 <c>report-rate-limited</c>
    /// with <c>Retry-After</c>, and nothing is stored or appended to the ledger for it. Behind a reverse proxy the
    /// address is the proxy's unless forwarded headers are configured, which then limits all readers together.
    /// </summary>
    public static void AddReportRateLimit(this IServiceCollection services, HostSettings settings)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RatePolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.ReportsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (rejected, cancel) =>
            {
                var retry = rejected.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(
                    $"At most {settings.ReportsPerMinutePerAddress} credit reports a minute from one address; try again in {Math.Ceiling(retry.TotalSeconds)} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports",
                    extensions: new Dictionary<string, object?> { ["code"] = ReportProblemCodes.RateLimited }).ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/public/subjects/{subjectId}/report.pdf", async (
                string subjectId, HttpContext http, IssueCreditReport issue, ReportFonts fonts, PublicHosts hosts,
                IStringLocalizer<SharedResource> l, CreditCatalog catalog, CancellationToken cancel) =>
            {
                if (fonts.Font is not { } font)
                {
                    return Results.Problem(fonts.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Reports are unavailable",
                        extensions: new Dictionary<string, object?> { ["code"] = ReportProblemCodes.FontMissing });
                }

                // The printed address is the configured public one (ADR 0038), never the request's Host.
                var report = await issue.RunAsync(subjectId, new CreditReportPdf(l, catalog, font, hosts.Site), cancel);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(report.Pdf, "application/pdf", $"credit-report-{ReportCodes.Display(report.Code)}.pdf");
            })
            .AllowPublic()
            .RequireRateLimiting(RatePolicy)
            .WithName("CreditReportPdf")
            .WithTags("reports")
            .WithSummary("The public profile as a PDF credit report with a signed verification code; its digest is kept for /verify/{code}.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
