using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PublicCredit.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>
    /// All of `/api/v1` (docs/api.md). Each capability maps its own routes, in a group tagged with the capability for
    /// the OpenAPI document (ADR 0048).
    /// </summary>
    public static IEndpointRouteBuilder MapPublicCreditApi(this IEndpointRouteBuilder app, int? pipelineProbeBytes = null)
    {
        var api = app.MapGroup("/api/v1");
        Capability(api, "catalog").MapCatalogEndpoints();
        Capability(api, "credentials").MapKeyEndpoints();
        Capability(api, "ledger").MapLedgerEndpoints();
        Capability(api, "credentials").MapSelfServiceEndpoints();
        Capability(api, "records").MapRecordEndpoints();
        Capability(api, "designations").MapDesignationEndpoints();
        Capability(api, "subjects").MapSubjectEndpoints();
        Capability(api, "public").MapPublicEndpoints();
        Capability(api, "changes").MapChangeEndpoints();
        Capability(api, "checks").MapCheckEndpoints(pipelineProbeBytes);
        Capability(api, "subscriptions").MapSubscriptionEndpoints();
        Capability(api, "objections").MapObjectionEndpoints();
        Capability(api, "restorations").MapRestorationEndpoints();
        return app;
    }

    private static RouteGroupBuilder Capability(RouteGroupBuilder api, string tag) => api.MapGroup("").WithTags(tag);
}
