using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PublicCredit.Errors;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Api;

/// <summary>
/// Reads a request body as a JSON document under an explicit size limit. Endpoints that judge their JSON field by
/// field (records) read it this way instead of binding a type, so a wrongly typed field becomes a coded field error
/// rather than a 400 for the whole body, and a batch item cannot spoil its neighbours.
/// </summary>
internal static class JsonBody
{
    /// <exception cref="DomainException"><c>body-invalid-json</c> (400) when the body is not JSON.</exception>
    /// <exception cref="BadHttpRequestException">413 when the body exceeds <paramref name="maxBytes"/> (mapped to <c>body-too-large</c>).</exception>
    public static async Task<JsonDocument> ReadAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Too large is refused while reading, before the body is held in memory, let alone stored.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new DomainException(ErrorKind.Malformed, WebProblemCodes.BodyInvalidJson, "The request body is not valid JSON: " + ex.Message);
        }
    }
}
