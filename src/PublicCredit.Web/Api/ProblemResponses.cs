using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PublicCredit.Web.Api;

/// <summary>
/// Declares, for the OpenAPI document, the ProblemDetails answers an endpoint gives that the framework cannot infer:
/// the use cases refuse by throwing coded exceptions, which <see cref="Errors.ProblemMapping"/> turns into
/// <c>application/problem+json</c> with <c>code</c> and <c>errors[]</c> (docs/api.md#errors). 400 is a body that is not
/// JSON, 401/403 the caller, 404 an unknown id, 409 a state that does not allow it, 422 content the use case refuses.
/// </summary>
internal static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params ReadOnlySpan<int> statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
