using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PublicCredit.Web.Api;

namespace PublicCredit.Web.Security;

/// <summary>Conservative response headers on every response: no sniffing, no framing, no referrer leaks.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The API reference at /docs (ADR 0048 §7) is a script page (Scalar) that configures itself inline and sets
                // styles from script; only there are inline scripts and styles allowed, and still nothing from elsewhere.
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference.Path, StringComparison.Ordinal)
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
                    : "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
