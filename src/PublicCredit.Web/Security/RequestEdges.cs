using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Security;

/// <summary>
/// What every request meets before routing (ADR 0036): a target or header block over our limits is refused as
/// ProblemDetails (414 <c>uri-too-long</c>, 431 <c>headers-too-large</c>) instead of Kestrel's empty answer, an API
/// body that is not JSON is 415 <c>unsupported-media-type</c>, and every response that did not choose its own cache
/// policy is <c>Cache-Control: no-store</c> — pages and API answers carry personal data or credentials, and the few
/// that do not (the stylesheet) say so themselves.
/// </summary>
internal static class RequestEdges
{
    /// <summary>The longest request target (path and query) we answer: Kestrel's default request-line limit.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The largest header block we answer: Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Kestrel's own limits are raised above ours so that, up to these, the coded refusal is ours; beyond them Kestrel
    /// still closes the connection with its bare 414/431 (it answers before any middleware runs).
    /// </summary>
    public static void RaiseKestrelLimits(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = 8 * MaxTargetLength;
        kestrel.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
    }

    public static IApplicationBuilder UseRequestEdges(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, http);

            if (Refusal(http) is { } problem)
            {
                http.Response.StatusCode = problem.Status!.Value;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
                return;
            }

            await next(http);
        });

    private static ProblemDetails? Refusal(HttpContext http)
    {
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        if (target.Length > MaxTargetLength)
        {
            return Problem(StatusCodes.Status414UriTooLong, "URI too long", WebProblemCodes.UriTooLong,
                $"The request target is {target.Length} characters; at most {MaxTargetLength} are read.");
        }

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + 4;
            foreach (var value in values)
            {
                headerBytes += value?.Length ?? 0;
            }
        }

        if (headerBytes > MaxHeaderBytes)
        {
            return Problem(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", WebProblemCodes.HeadersTooLarge,
                $"The request headers take {headerBytes} bytes; at most {MaxHeaderBytes} are read.");
        }

        if (request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && HasBody(request) && !IsJson(request.ContentType)
            && !IsWatchlistUpload(request))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", WebProblemCodes.UnsupportedMediaType,
                "The API reads JSON bodies only: send Content-Type: application/json.");
        }

        return null;
    }

    /// <summary>A watchlist upload is the one API body that is CSV or NDJSON (ADR 0052 §4); its route judges the type.</summary>
    private static bool IsWatchlistUpload(HttpRequest request)
    {
        var segments = request.Path.Value?.Split('/') ?? [];
        return HttpMethods.IsPut(request.Method) && segments is ["", "api", "v1", "subscriptions", _, "subjects"];
    }

    private static bool HasBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    public static ProblemDetails Problem(int status, string title, string code, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>
    /// The code of a 4xx that no handler coded (status-code pages, routing's 404 and 405): every problem has one
    /// (docs/api.md#errors).
    /// </summary>
    public static void AddMissingCode(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions["code"] = status switch
        {
            StatusCodes.Status404NotFound when context.HttpContext.GetEndpoint() is null => WebProblemCodes.RouteNotFound,
            StatusCodes.Status404NotFound => WebProblemCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => WebProblemCodes.MethodNotAllowed,
            StatusCodes.Status400BadRequest => WebProblemCodes.BadRequest,
            StatusCodes.Status401Unauthorized => WebProblemCodes.Unauthenticated,
            StatusCodes.Status403Forbidden => WebProblemCodes.Forbidden,
            StatusCodes.Status406NotAcceptable => WebProblemCodes.NotAcceptable,
            StatusCodes.Status413PayloadTooLarge => WebProblemCodes.BodyTooLarge,
            StatusCodes.Status414UriTooLong => WebProblemCodes.UriTooLong,
            StatusCodes.Status415UnsupportedMediaType => WebProblemCodes.UnsupportedMediaType,
            StatusCodes.Status429TooManyRequests => WebProblemCodes.RateLimited,
            StatusCodes.Status431RequestHeaderFieldsTooLarge => WebProblemCodes.HeadersTooLarge,
            >= 500 => WebProblemCodes.InternalError,
            _ => string.Create(CultureInfo.InvariantCulture, $"http-{status}"),
        };
    }
}
