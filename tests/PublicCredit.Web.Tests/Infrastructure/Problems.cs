using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Asserts the docs/api.md#errors: the status, problem+json, and the stable `code`.</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());

        // The code a test sees is in the error catalogues with the status it came with (ADR 0040).
        var catalogued = Errors.ErrorCatalogueTests.Entries.FirstOrDefault(e => e.Code == code);
        Assert.True(catalogued is not null && catalogued.Status == (int)status,
            $"{(int)status} {code} is not in the error catalogues with that status (docs/api.md#error-codes)");
        return problem;
    }
}
