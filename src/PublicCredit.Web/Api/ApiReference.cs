using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Web.Security;
using Scalar.AspNetCore;

namespace PublicCredit.Web.Api;

/// <summary>
/// The API reference page at <c>/docs</c> (ADR 0048 §7): Scalar rendering the served <c>/openapi/v1.json</c>, from the
/// script embedded in the package (no CDN, no web fonts from elsewhere), for anyone, like the document itself.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/docs";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o => o
                .WithTitle("PublicCredit API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .AllowPublic();
}
