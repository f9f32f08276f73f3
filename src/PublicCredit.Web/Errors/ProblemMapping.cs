using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PublicCredit.Data;
using PublicCredit.Errors;

namespace PublicCredit.Web.Errors;

/// <summary>
/// The one place where errors become HTTP: a <see cref="DomainException"/> becomes ProblemDetails with its stable
/// <c>code</c> (and field <c>errors</c>), a body that is not JSON a 400 <c>body-invalid-json</c>. Only a real defect
/// reaches 500 (docs/api.md#errors).
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge =>
                Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", tooLarge.Message, WebProblemCodes.BodyTooLarge),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } media =>
                Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", media.Message, WebProblemCodes.UnsupportedMediaType),
            BadHttpRequestException { StatusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge } headers =>
                Create(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", headers.Message, WebProblemCodes.HeadersTooLarge),
            BadHttpRequestException { StatusCode: StatusCodes.Status414UriTooLong } target =>
                Create(StatusCodes.Status414UriTooLong, "URI too long", target.Message, WebProblemCodes.UriTooLong),
            BadHttpRequestException bad => Create(StatusCodes.Status400BadRequest, WebProblemCodes.BodyInvalid,
                "The request could not be read: " + bad.Message, BodyCode(bad)),
            // A saturated database is the server's state, not a defect: 503 with a code and Retry-After (ADR 0039 §2).
            _ when DatabasePool.IsSaturated(exception) => Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "The database is at its connection limit. Retry after the time in Retry-After; a retried write with the same " +
                "department and document number is stored once.", DatabasePool.BusyCode),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Create(StatusCodes.Status500InternalServerError, WebProblemCodes.InternalError,
                "An unexpected error occurred; it has been logged.", WebProblemCodes.InternalError);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database saturated on {Method} {Path}: answered 503 {Code}", httpContext.Request.Method, httpContext.Request.Path, DatabasePool.BusyCode);
            httpContext.Response.Headers.RetryAfter = ((int)DatabasePool.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (exception is DomainException { RetryAfter: { } retry })
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Malformed => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails FromDomain(DomainException domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var problem = Create(StatusOf(domain.Kind), TitleOf(domain.Kind), domain.Message, domain.Code);
        if (domain.Errors.Count > 0)
        {
            problem.Extensions["errors"] = domain.Errors
                .Select(e => new { field = e.Field, code = e.Code, message = e.Message })
                .ToArray();
        }

        foreach (var (name, value) in domain.Extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private static string BodyCode(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException || bad.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase)
            ? WebProblemCodes.BodyInvalidJson
            : WebProblemCodes.BodyInvalid;

    private static ProblemDetails Create(int status, string title, string detail, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "Invalid content",
        ErrorKind.Malformed => "Malformed request",
        ErrorKind.Unauthenticated => "Authentication required",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.RateLimited => "Too many requests",
        _ => "Error",
    };
}
