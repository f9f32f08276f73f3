using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace PublicCredit.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>All of `/api/v1` (docs/api.md). Each capability maps its own routes.</summary>
    public static IEndpointRouteBuilder MapPublicCreditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCatalogEndpoints();
        api.MapKeyEndpoints();
        api.MapLedgerEndpoints();
        api.MapSelfServiceEndpoints();
        api.MapRecordEndpoints();
        api.MapDesignationEndpoints();
        api.MapSubjectEndpoints();
        api.MapPublicEndpoints();
        api.MapChangeEndpoints();
        api.MapCheckEndpoints();
        api.MapObjectionEndpoints();
        api.MapRestorationEndpoints();
        return app;
    }
}
