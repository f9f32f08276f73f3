using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Security;

/// <summary>
/// Which host names this server answers and which address it prints (ADR 0038). The address written into reports (and
/// any absolute URL) is <see cref="HostSettings.PublicUrl"/>, or the first address Kestrel listens on — never the
/// request's <c>Host</c>, which any client chooses. Requests naming a host that is neither the public URL's, a
/// loopback name nor a listening host are refused with 400 <c>host-not-allowed</c> before anything else runs: a forged
/// <c>Host</c> cannot reach a page, a cache keyed by host, or a DNS-rebinding attacker's origin.
/// </summary>
public sealed class PublicHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private readonly HostSettings settings;
    private readonly IServer server;
    private readonly Lazy<Uri> listening;
    private readonly Lazy<HashSet<string>> allowed;

    public PublicHosts(HostSettings settings, IServer server)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        this.server = server;
        listening = new Lazy<Uri>(FirstListeningAddress);
        allowed = new Lazy<HashSet<string>>(AllowedHosts);
    }

    /// <summary>The site's own address with a trailing slash, as printed on reports.</summary>
    public Uri Site => settings.PublicBase ?? listening.Value;

    public bool Allows(HostString host) =>
        !host.HasValue || allowed.Value.Contains(NameOf(host.Host));

    private Uri FirstListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? settings.Urls[0];
        return new Uri(address.TrimEnd('/') + "/");
    }

    private HashSet<string> AllowedHosts()
    {
        var hosts = new HashSet<string>(Loopback, StringComparer.OrdinalIgnoreCase);
        if (settings.PublicUrl is { } publicUrl)
        {
            hosts.Add(NameOf(publicUrl.Host));
        }

        foreach (var url in settings.Urls.Concat(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []))
        {
            if (!HostSettings.ListensEverywhere(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                hosts.Add(NameOf(uri.Host));
            }
        }

        return hosts;
    }

    /// <summary>The host name alone, lower case, an IPv6 literal in brackets (as <c>Host</c> carries it).</summary>
    private static string NameOf(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name.Contains(':', StringComparison.Ordinal) && !name.StartsWith('[') ? "[" + name + "]" : name;
    }
}

internal static class PublicHostFilter
{
    public const string NotAllowed = WebProblemCodes.HostNotAllowed;

    /// <summary>Refuses a request whose <c>Host</c> this server does not answer to, as coded ProblemDetails (400).</summary>
    public static IApplicationBuilder UsePublicHostFilter(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<PublicHosts>();
        return app.Use(async (http, next) =>
        {
            if (!hosts.Allows(http.Request.Host))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = RequestEdges.Problem(StatusCodes.Status400BadRequest, "Host not allowed", NotAllowed,
                        "This server answers only for its own address; the request's Host header names another."),
                });
                return;
            }

            await next(http);
        });
    }
}
