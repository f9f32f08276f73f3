using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Reports;
using PublicCredit.Storage;
using PublicCredit.Access;
using PublicCredit.Web.Reports;
using PublicCredit.Web.Security;
using PublicCredit.Web.Session;
using PublicCredit.Web.Uploads;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The server-rendered site (docs/web.md; ADR 0015): Razor Pages over the same use cases as the API, zh-CN by default
/// with English by cookie or Accept-Language, cookie sessions for the console and /me, antiforgery on every form,
/// one local stylesheet, the credit report and its verification.
/// </summary>
internal static class WebPortal
{
    public const string CultureCookie = "pcredit.lang";
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddWebPortal(this IServiceCollection services, HostSettings settings, StartupReport report)
    {
        var keys = settings.ResolveKeysDirectory();
        PrivateFiles.CreateDirectory(keys);
        services.AddDataProtection()
            .SetApplicationName("PublicCredit")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Chinese text is written as text, not as numeric character references (smaller pages, readable source).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The page's switch (a cookie) wins over the browser's Accept-Language; no query-string switch.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddScoped<SessionPageFilter>();
        services.AddRazorPages(o =>
        {
            o.Conventions.Add(new PageAccessConvention());
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(SessionPageFilter)));
            o.Conventions.ConfigureFilter(new HandlerRequiredPageFilter());
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pcredit.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__af";
        });

        services.AddSingleton<WebSessions>();
        services.AddScoped<ConsoleIdentities>();
        services.AddAuthentication()
            .AddCookie(WebSessions.ConsoleScheme, o => WebSessions.ConfigureCookie(o, SessionArea.Console))
            .AddCookie(WebSessions.MeScheme, o => WebSessions.ConfigureCookie(o, SessionArea.Me));

        var reportKeys = ReportKeyFolder.Load(keys);
        services.AddSingleton(reportKeys);
        services.AddSingleton(new ReportCodes(reportKeys));
        services.AddScoped<IssueCreditReport>();
        services.AddScoped<VerifyCreditReport>();
        services.AddSingleton(new ReportFonts());
        services.AddReportRateLimit(settings);
        report.Add($"keys: {keys} (cookies, report signing key {reportKeys.Current.KeyIdText})");

        // Console uploads imported in the background, resumed at start (ADR 0019).
        services.AddSingleton(new UploadFolder(PrivateFiles.CreateDirectory(settings.ResolveUploadsDirectory()).FullName));
        services.AddSingleton<RecordUploads>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordUploads>());
    }

    /// <summary>
    /// Makes the cookie key ring now, rather than on the first sign-in, and leaves every key file owner-only (0600):
    /// the data-protection library writes its XML files with the process's default mode (ADR 0036).
    /// </summary>
    public static void SecureKeyRing(IServiceProvider services, HostSettings settings)
    {
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("pcredit.key-ring").Protect([0]);
        foreach (var file in Directory.EnumerateFiles(settings.ResolveKeysDirectory()))
        {
            PrivateFiles.Restrict(file);
        }
    }

    public static void UseWebPortal(this WebApplication app)
    {
        var fonts = app.Services.GetRequiredService<ReportFonts>();
        app.Services.GetRequiredService<StartupReport>().Add(fonts.Describe());
        app.UseRateLimiter();
        app.MapGet("/assets/{name}", (string name, HttpContext http) => Asset(name, http)).AllowPublic().ExcludeFromDescription();
        app.MapReportEndpoints();
        app.MapListDownloads();
        app.MapRazorPages();
    }

    /// <summary>The site's files (the one stylesheet and the favicon), embedded in the assembly so they are served from every
    /// host without a CDN or a wwwroot copy.</summary>
    private static IResult Asset(string name, HttpContext http)
    {
        var type = name switch
        {
            "site.css" => "text/css; charset=utf-8",
            "favicon.svg" => "image/svg+xml",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("PublicCredit.Web.Assets." + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Stream(stream, type);
    }

    /// <summary>Marks each page as the API marks routes: sign-in pages and the portal public, /console staff (the objection
    /// queue reviewers), /me the subject's token.</summary>
    private sealed class PageAccessConvention : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            var path = model.ViewEnginePath;
            RequiredRolesMetadata declared =
                path.EndsWith("/SignIn", StringComparison.Ordinal) ? new([])
                // Objections are resolved by the owning department's reviewer only (docs/api.md); other staff are sent to sign in.
                : path.StartsWith("/Console/Objections/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Reviewer])
                // Restoration applications likewise: accepted and decided by the owning department's reviewer (docs/api.md).
                : path.StartsWith("/Console/Restorations/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Reviewer])
                // Statistics are the auditor's, as on GET /api/v1/stats/* (ADR 0020).
                : path.StartsWith("/Console/Stats/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Auditor])
                // Uploads import records as the department: recorders only, as `POST /api/v1/records/batch` (ADR 0019).
                : path.StartsWith("/Console/Uploads/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Recorder])
                // Record entry and proposing a designation are the recorder's (POST /api/v1/records, /designations).
                : path.StartsWith("/Console/Records/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Recorder])
                : path == "/Console/Designations/New" ? new([PublicCredit.Access.Role.Recorder])
                // The department's designations: recorders and reviewers, as GET /api/v1/designations.
                : path.StartsWith("/Console/Designations/", StringComparison.Ordinal) ? new([PublicCredit.Access.Role.Recorder, PublicCredit.Access.Role.Reviewer])
                // Key administration: admins of the department and platform admins (ADR 0031).
                : path.StartsWith("/Console/Keys/", StringComparison.Ordinal) ? new(PublicCredit.Access.KeyAuthority.Administrators)
                : path.StartsWith("/Console/", StringComparison.Ordinal) ? new(StaffRoles.All)
                : path.StartsWith("/Me/", StringComparison.Ordinal) ? new([]) { SubjectTokens = true }
                : new([]);
            model.EndpointMetadata.Add(declared);
        }
    }
}
