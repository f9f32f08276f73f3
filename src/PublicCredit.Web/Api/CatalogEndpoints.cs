using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Catalog;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        // The loaded catalog is public: the rules that bind everyone are published (docs/api.md).
        api.MapGet("/catalog", (CatalogOverview overview) => TypedResults.Ok(overview))
            .AllowPublic()
            .WithName("GetCatalog").WithSummary("The loaded catalog with its version: categories, departments, matters, list types, measures, purposes.");
    }
}
