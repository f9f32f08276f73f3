using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>The HTTP calls tests make, in one place: GET/POST with relative paths, bodies read as JSON or text.</summary>
public static class HttpJson
{
    /// <summary>GET as the public (or whoever <paramref name="client"/> is) and keep the raw body, to assert on its text.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetTextAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        var (status, body) = await client.GetTextAsync(path, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: expected 200, got {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
    }

    /// <summary>Posts and asserts the status, returning the JSON body.</summary>
    public static async Task<JsonElement> PostExpectAsync(
        this HttpClient client, string path, JsonNode body, HttpStatusCode status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(status == response.StatusCode, $"POST {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static IReadOnlyList<string?> Codes(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];

    public static IReadOnlyList<(string? Field, string? Code)> FieldCodes(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString()))];
}
