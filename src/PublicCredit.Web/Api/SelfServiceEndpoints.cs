using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Text;
using PublicCredit.Time;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class SelfServiceEndpoints
{
    /// <summary>A JSON string's text; null when it is not text (a lone surrogate escape), so it is an unknown code.</summary>
    private static string? TextOrNull(System.Text.Json.JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static void MapSelfServiceEndpoints(this RouteGroupBuilder api)
    {
        // Who a self-service token stands for: the subject sees its own identifier in full (it is its own data).
        api.MapGet("/me", (HttpContext http, TimeProvider clock) =>
        {
            var caller = http.Caller();
            if (caller.SubjectId is null)
            {
                throw caller.IsStaff
                    ? DomainException.Forbidden(AccessProblemCodes.SubjectTokenRequired, "This is for a subject's self-service token, not a staff key.")
                    : DomainException.Unauthenticated(AccessProblemCodes.AuthenticationRequired, "Sign in with a self-service token: Authorization: Bearer <token>.");
            }

            var subject = SubjectId.Parse(caller.SubjectId, ChinaTime.Today(clock));
            return TypedResults.Ok(new WhoAmIResponse(subject.Value, subject.Kind));
        }).AllowSubjectToken().WithName("WhoAmI").WithSummary("The subject a self-service token speaks for.")
            .ProducesProblems(401, 403);

        // The subject redeems the one-time code printed in its notice for its own token (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029).
        api.MapPost("/subject-sessions/activate", async (HttpContext http, SubjectActivation activation, ActivationThrottle throttle, CancellationToken cancel) =>
            await throttle.RunAsync(http, async () =>
            {
                using var body = await JsonBody.ReadAsync(http, 4096, cancel);
                var code = body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && body.RootElement.TryGetProperty("code", out var field) && field.ValueKind == System.Text.Json.JsonValueKind.String
                        ? TextOrNull(field)
                        : null;
                var activated = await activation.RedeemAsync(code, cancel);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created("/api/v1/me", new SubjectSessionResponse(
                    activated.Token, activated.ExpiresAt, new SubjectSessionSubject(activated.SubjectMasked, activated.Kind), SubjectTokenOrigin.Activation.Code()));
            }))
            .AllowPublic().WithName("ActivateSubjectSession")
            .AcceptsJson<ActivationBody>(ActivationBody.Example)
            .WithSummary("Redeems the one-time activation code of a designation notice for the subject's own self-service token (201).")
            .ProducesProblems(400, 409, 422, 429);

        // The subject's own credentials (docs/design.md#credentials-end; ADR 0030): what exists, and ending any of them at once.
        api.MapGet("/me/tokens", async (HttpContext http, ListSubjectTokens list, CancellationToken cancel) =>
            TypedResults.Ok(await list.RunAsync(http.Caller(), cancel)))
            .AllowSubjectToken().WithName("ListOwnTokens").WithSummary("The subject's own self-service tokens, never their secrets.")
            .ProducesProblems(401, 403);

        api.MapDelete("/me/tokens/{id}", async (string id, HttpContext http, RevokeSubjectToken revoke, CancellationToken cancel) =>
        {
            var tokenId = PathIds.Parse(id, AccessProblemCodes.TokenUnknown, raw => $"'{raw}' is not a token id.");
            return TypedResults.Ok(await revoke.RunAsync(http.Caller(), tokenId.ToString(), cancel));
        }).AllowSubjectToken().WithName("RevokeOwnToken").WithSummary("Revokes one of the subject's own tokens at once.")
            .ProducesProblems(401, 403, 404, 409);
    }
}

/// <summary>Who a self-service token stands for: the subject's own identifier in full, and its kind.</summary>
internal sealed record WhoAmIResponse(string SubjectId, SubjectKind Kind);

/// <summary>The subject's new self-service token (shown once), its expiry, the subject (masked) and how the token came about.</summary>
internal sealed record SubjectSessionResponse(string Token, DateTimeOffset TokenExpiresAt, SubjectSessionSubject Subject, string Origin);

/// <summary>The subject of an activated session: its masked identifier and its kind.</summary>
internal sealed record SubjectSessionSubject(string Id, SubjectKind Kind);
