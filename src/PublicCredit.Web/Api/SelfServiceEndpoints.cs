using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Time;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class SelfServiceEndpoints
{
    public static void MapSelfServiceEndpoints(this RouteGroupBuilder api)
    {
        // Who a self-service token stands for: the subject sees its own identifier in full (it is its own data).
        api.MapGet("/me", (HttpContext http, TimeProvider clock) =>
        {
            var caller = http.Caller();
            if (caller.SubjectId is null)
            {
                throw caller.IsStaff
                    ? DomainException.Forbidden("subject-token-required", "This is for a subject's self-service token, not a staff key.")
                    : DomainException.Unauthenticated("authentication-required", "Sign in with a self-service token: Authorization: Bearer <token>.");
            }

            var subject = SubjectId.Parse(caller.SubjectId, ChinaTime.Today(clock));
            return Results.Ok(new { subjectId = subject.Value, kind = subject.Kind });
        }).AllowSubjectToken().WithName("WhoAmI");
    }
}
