using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Profiles;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>What anybody may see (docs/api.md#subjects-and-public-views; ADR 0008; docs/subjects.md).</summary>
internal static class PublicEndpoints
{
    public static void MapPublicEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/public/subjects", async Task<Results<Ok<PublicSearchPage>, ProblemHttpResult>> (string? q, string? page, string? asOf, string? purpose, string? note, HttpContext http, SearchPublicSubjects search,
                PublicRateLimits limits, CancellationToken cancel) =>
                // Anonymous searches are limited per address (ADR 0038); staff answer for theirs with their key.
                !http.Caller().IsStaff && limits.Search(http) is { } retry
                    ? PublicRateLimits.Refusal(http, retry, PublicRateLimits.SearchLimited,
                        $"At most {limits.SearchPerMinute} public searches a minute from one address; try again in {retry} s.")
                    : TypedResults.Ok(await search.RunAsync(http.Caller(), q, page, asOf, purpose, note, cancel)))
            .AllowPublic()
            .WithName("SearchPublicSubjects").RequiresQuery("q")
            .WithSummary("Subjects with something public now, by name substring or exact code; 20 per page.")
            .WithDescription(
                "An individual's `id` is an opaque public id, never the identity number; `code` is masked. " +
                "?asOf= (a date or an instant) is for staff keys only, with ?purpose=, and is logged as an inquiry.")
            .ProducesProblems(401, 403, 422, 429);

        api.MapGet("/public/subjects/{subjectId}", async (string subjectId, string? asOf, string? purpose, string? note, HttpContext http, ReadPublicProfile read, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(http.Caller(), subjectId, asOf, purpose, note, cancel)))
            .AllowPublic()
            .WithName("ReadPublicProfile")
            .WithSummary("What is public about a subject now; the path takes the public id, a USCC or a resident ID.")
            .WithDescription(
                "Only current versions of published records within their publicity period (publicUntil is the last public " +
                "day, China time). `designations` is always empty for now: the designations capability fills it. A subject " +
                "with nothing public answers 404 subject-not-found, like one that does not exist.")
            .ProducesProblems(401, 403, 404, 422);

        api.MapGet("/public/records", async Task<Results<Ok<PublicRecordsPage>, ProblemHttpResult>> (string? q, string? department, string? category, string? from, string? to, string? page,
                HttpContext http, SearchPublicRecords search, PublicRateLimits limits, CancellationToken cancel) =>
                // The same per-address allowance as the subject search (ADR 0038): both serve people, not crawlers.
                !http.Caller().IsStaff && limits.Search(http) is { } retry
                    ? PublicRateLimits.Refusal(http, retry, PublicRateLimits.SearchLimited,
                        $"At most {limits.SearchPerMinute} public searches a minute from one address; try again in {retry} s.")
                    : TypedResults.Ok(await search.RunAsync(q, department, category, from, to, page, cancel)))
            .AllowPublic()
            .WithName("SearchPublicRecords")
            .WithSummary("The double-publicity query: records public now, by document number, department, category and decision dates; 20 per page.")
            .WithDescription(
                "q is an exact document number; from and to are China dates (YYYY-MM-DD, inclusive) of the decision. " +
                "Only what the public profile shows: an individual's `id` is the opaque public id and `code` is masked. " +
                "`total` is exact up to 10,000; beyond, `totalIsLowerBound` is true.")
            .ProducesProblems(422, 429);

        api.MapGet("/public/lists/{listType}", async (string listType, string? page, string? region, string? department, string? from, string? to,
                ReadPublicList read, PublicCredit.Catalog.CreditCatalog catalog, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(listType, page, PublicListFilter.Parse(region, department, from, to, catalog), cancel)))
            .AllowPublic()
            .WithName("ReadPublicList")
            .WithSummary("The entries of one red or black list in force now, newest first; 50 per page.")
            .WithDescription(
                "Organisations, and individuals only where the list's category publishes individuals (an individual's " +
                "`id` is the opaque public id, `code` the masked number). The same rule as the public profile; a " +
                "copy kept from the changes feed agrees with it (docs/changes.md#designation-items). Optional filters: " +
                "?region= (2, 4 or 6 digits of a division code), ?department= (catalog code), ?from= / ?to= (China dates the entry " +
                "took effect, inclusive); the same selection downloads at /lists/{listType}.csv and .ndjson.")
            .ProducesProblems(404, 422);
    }
}
