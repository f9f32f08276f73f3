using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Subscriptions;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// Webhook subscriptions of checking departments (docs/subscriptions.md; ADR 0052): register, list, read, delete, and
/// replace the watchlist with a CSV or NDJSON body. The department owns its subscriptions; another department's are 404.
/// </summary>
internal static class SubscriptionEndpoints
{
    /// <summary>A registration body: a URL, a few kinds and list types, and perhaps a small inline watchlist.</summary>
    public const long BodyLimit = 1024 * 1024;

    /// <summary>A watchlist of a million ids as NDJSON objects is about 35 MB.</summary>
    public const long WatchlistLimit = 64L * 1024 * 1024;

    public static void MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", async (HttpContext http, RegisterSubscription register, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var created = await register.RunAsync(http.Caller(), Read(body.RootElement), cancel);
            return TypedResults.Created($"/api/v1/subscriptions/{created.Subscription.Id}", created);
        }).RequireRoles(Role.Checker).WithName("RegisterSubscription")
            .AcceptsJson<SubscriptionBody>(SubscriptionBody.Example)
            .WithSummary("Registers a webhook for the caller's department (201); the signing secret is shown once.")
            .ProducesProblems(400, 401, 403, 413, 415, 422);

        api.MapGet("/subscriptions", async (HttpContext http, ReadSubscriptions read, CancellationToken cancel) =>
            TypedResults.Ok(await read.ListAsync(http.Caller(), cancel)))
            .RequireRoles(Role.Checker).WithName("ListSubscriptions").WithSummary("The caller's department's subscriptions, newest first.")
            .ProducesProblems(401, 403);

        api.MapGet("/subscriptions/{id}", async (string id, HttpContext http, ReadSubscriptions read, CancellationToken cancel) =>
            TypedResults.Ok(await read.ReadAsync(http.Caller(), PathId(id), cancel)))
            .RequireRoles(Role.Checker).WithName("ReadSubscription").WithSummary("One subscription of the caller's department.")
            .ProducesProblems(401, 403, 404);

        api.MapDelete("/subscriptions/{id}", async (string id, HttpContext http, DeleteSubscription delete, CancellationToken cancel) =>
            TypedResults.Ok(await delete.RunAsync(http.Caller(), PathId(id), cancel)))
            .RequireRoles(Role.Checker).WithName("DeleteSubscription").WithSummary("Ends a subscription: nothing more is delivered.")
            .ProducesProblems(401, 403, 404);

        api.MapPut("/subscriptions/{id}/subjects", async (string id, HttpContext http, SetWatchlist set, CancellationToken cancel) =>
        {
            var format = FormatOf(http.Request.ContentType);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = WatchlistLimit;
            }

            return TypedResults.Ok(await set.RunAsync(http.Caller(), PathId(id), http.Request.Body, format, cancel));
        }).RequireRoles(Role.Checker).WithName("SetSubscriptionWatchlist")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .WithSummary("Replaces the watchlist with the subject ids of a CSV or NDJSON body (at most 1,000,000; all rows or none).")
            .ProducesProblems(401, 403, 404, 413, 415, 422);
    }

    private static WatchlistFormat FormatOf(string? contentType)
    {
        var media = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/csv" or "text/plain" => WatchlistFormat.Csv,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" => WatchlistFormat.Ndjson,
            _ => throw new BadHttpRequestException(
                "A watchlist is text/csv (one subject id per line, optional header subjectId) or application/x-ndjson (a string or {\"subjectId\": …} per line).",
                StatusCodes.Status415UnsupportedMediaType),
        };
    }

    private static RegisterSubscriptionRequest Read(System.Text.Json.JsonElement body)
    {
        if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw DomainException.Invalid("body", SubscriptionProblemCodes.UrlInvalid, "The body is a JSON object {url, events, listTypes?, subjects?}.");
        }

        return new RegisterSubscriptionRequest(Text(body, "url"), List(body, "events"), List(body, "listTypes"), List(body, "subjects"));
    }

    private static string? Text(System.Text.Json.JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

    private static List<string?>? List(System.Text.Json.JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null)]
            : [null];
    }

    private static Guid PathId(string id) =>
        PathIds.Parse(id, SubscriptionProblemCodes.NotFound, raw => $"'{raw}' is not a subscription id.");
}

/// <summary>Body of <c>POST /api/v1/subscriptions</c> (for the OpenAPI document).</summary>
internal sealed record SubscriptionBody(string Url, IReadOnlyList<string> Events, IReadOnlyList<string>? ListTypes, IReadOnlyList<string>? Subjects)
{
    public static readonly SubscriptionBody Example = new(
        "https://approvals.example.gov.cn/hooks/credit", ["designation-effective", "designation-revoked"], ["serious-untrustworthy-market"], null);
}
