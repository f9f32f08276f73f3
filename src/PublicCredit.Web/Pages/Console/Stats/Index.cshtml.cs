using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Checks;
using PublicCredit.Deadlines;
using PublicCredit.Errors;
using PublicCredit.Records;
using PublicCredit.Statistics;
using PublicCredit.Web.Charts;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Stats;

/// <summary>
/// The auditor's statistics (docs/web.md#what-each-page-shows; ADR 0020): implementation of joint measures, double publicity on time, and
/// overdue deadlines, each as a bar chart followed by a table of the same numbers. It runs exactly the use cases of
/// <c>GET /api/v1/stats/implementation</c>, <c>/stats/publicity</c> and <c>/stats/deadlines</c> with the signed-in
/// caller and the same <see cref="ReportingPeriod"/>, so the page can show nothing the API would not, and no second
/// query can drift from the API's numbers.
/// </summary>
public sealed class IndexModel(
    ImplementationStats implementation, PublicityStats publicity, ListDeadlines deadlines, CreditCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Overdue items listed one by one; the counts above cover them all.</summary>
    public const int ItemLimit = 50;

    /// <summary>The deadline sources with a console page where the work is done (reviewers of the owning department).</summary>
    public static readonly IReadOnlyDictionary<string, string> SourcePages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["objections"] = "/console/objections",
        ["restorations"] = "/console/restorations",
        ["removals"] = "/console/designations",
    };

    public FormState Form { get; private set; } = new();

    public ReportingPeriod? Period { get; private set; }

    public IReadOnlyList<ImplementationRow> Implementation { get; private set; } = [];

    public PublicityReport? Publicity { get; private set; }

    public DeadlineReport? Deadlines { get; private set; }

    public BarChart? ImplementationChart { get; private set; }

    public BarChart? PublicityChart { get; private set; }

    public BarChart? DeadlineChart { get; private set; }

    public CreditCatalog Catalog => catalog;

    public async Task OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        Form = FormState.FromQuery(Request.Query);
        try
        {
            Period = ReportingPeriod.Parse(from, to);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            // The period stays as typed with the reason under its field; no figures for a period that is not one.
            Form.Add(l, ex.Errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        Implementation = await implementation.RunAsync(caller, Period, cancellationToken);
        Publicity = await publicity.RunAsync(caller, Period, cancellationToken);
        Deadlines = await deadlines.RunAsync(caller, cancellationToken);

        ImplementationChart = new BarChart("chart-implementation", l["Stats.Implementation.Title"], l["Stats.Implementation.Desc"],
            [l["Stats.Checks"], l["Stats.Hits"], l["Stats.Applied"], l["Stats.NotApplied"]],
            [.. Implementation.Select(r => new BarRow(
                MeasureName(r.Measure) + " · " + Display.Department(catalog, r.Department),
                [r.Checks, r.Hits, r.Applied, r.NotApplied],
                l["Stats.FeedbackRateShort"] + " " + Rate(FeedbackRate(r))))]);
        PublicityChart = new BarChart("chart-publicity", l["Stats.Publicity.Title"], l["Stats.Publicity.Desc"],
            [l["Stats.OnTime"], l["Stats.Late"]],
            [.. Publicity.Departments.Select(d => new BarRow(
                Display.Department(catalog, d.Department), [d.OnTime, d.Late], l["Stats.OnTimeRateShort"] + " " + Rate(d.OnTimeRate)))]);
        DeadlineChart = new BarChart("chart-deadlines", l["Stats.Deadlines.Title"], l["Stats.Deadlines.Desc"],
            [l["Stats.Overdue"]],
            [.. Deadlines.Sources.Select(s => new BarRow(SourceName(s), [Deadlines.BySource.GetValueOrDefault(s)]))]);
    }

    /// <summary>Feedback given over hits: how often a department said what it did with a measure the check returned (docs/domain.md#joint-measures).</summary>
    public static double? FeedbackRate(ImplementationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Hits == 0 ? null : Math.Round((double)(row.Applied + row.NotApplied) / row.Hits, 4);
    }

    /// <summary>A rate for the page's culture (<c>75.0%</c>), or a dash when there is nothing to divide.</summary>
    public static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.CurrentCulture) : "—";

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public string MeasureName(string code) =>
        catalog.Measures.TryGet(code, out var measure) ? measure.Name.For(Display.Language) : code;

    public string MemorandumName(string? code) =>
        code is null ? l["Stats.GreenChannel"] : catalog.Memoranda.TryGet(code, out var memorandum) ? memorandum.Name.For(Display.Language) : code;

    public string SourceName(string source)
    {
        var text = l["Stats.Source." + source];
        return text.ResourceNotFound ? source : text.Value;
    }

    public string KindName(string kind)
    {
        var text = l["Stats.Kind." + kind];
        return text.ResourceNotFound ? kind : text.Value;
    }
}
