using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Security;

/// <summary>
/// <c>serve --behind-proxy</c> (ADR 0038): the client's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, believed only from the configured proxies (loopback when none is given) and only the last
/// hop; HTTPS answers carry HSTS; every cookie is <c>Secure</c>. Without the switch nothing of this runs, so a client
/// cannot choose its own address (per-address limits hold) by sending the header itself.
/// </summary>
internal static class BehindProxy
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static void AddBehindProxy(this IServiceCollection services, HostSettings settings)
    {
        if (!settings.BehindProxy)
        {
            return;
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            if (settings.KnownProxies.Count > 0)
            {
                // Only the named proxies; the loopback defaults would let a local process speak for anybody.
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                foreach (var proxy in settings.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            // Behind the proxy the Host is the public one; the loopback exclusions are for development servers.
            o.ExcludedHosts.Clear();
        });
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    }

    /// <summary>First in the pipeline: everything after it (limits, logs, cookies) sees the client, not the proxy.</summary>
    public static void UseForwardedClient(this WebApplication app, HostSettings settings)
    {
        if (settings.BehindProxy)
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>HSTS on HTTPS answers and <c>Secure</c> on every cookie the pages write (language, sessions, antiforgery).</summary>
    public static void UseProxyTransportSecurity(this WebApplication app, HostSettings settings)
    {
        if (settings.BehindProxy)
        {
            app.UseHsts();
            app.UseCookiePolicy();
        }
    }
}
