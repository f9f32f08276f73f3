using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PublicCredit.Web.Security;

/// <summary>
/// <c>HEAD</c> on a <c>GET</c> route of the API answers what <c>GET</c> would — the same status and headers, with no
/// body (docs/api.md#conventions): the request is routed as <c>GET</c> before routing runs (a startup filter wraps the
/// whole pipeline, the implicit routing included), and Kestrel, which still knows the request was <c>HEAD</c>, sends
/// no body. The routes keep one method each, so the route table, the OpenAPI document and the authorisation matrix
/// stay as they are; whatever <c>GET</c> does (authorisation, an inquiry logged, a rate limit counted) <c>HEAD</c> does too.
/// </summary>
internal sealed class HeadRequests : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            var request = http.Request;
            if (HttpMethods.IsHead(request.Method)
                && (request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal)))
            {
                request.Method = HttpMethods.Get;
            }

            return following(http);
        });
        next(app);
    };
}
