using System.Text.Json;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// The OpenAPI document served at <c>/openapi/v1.json</c> (docs/api.md) knows what every <c>/api/v1</c> operation
/// answers on success: each endpoint returns a typed result, so the document carries the JSON schema of its body.
/// It only reads the document, so it runs on one provider.
/// </summary>
public abstract class OpenApiContractTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<IReadOnlyList<(string Name, JsonElement Operation)>> OperationsAsync()
    {
        using var client = Server.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json", Cancel);
        return
        [
            .. from path in document.GetProperty("paths").EnumerateObject()
               where path.Name.StartsWith("/api/v1/", StringComparison.Ordinal)
               from operation in path.Value.EnumerateObject()
               where Methods.Contains(operation.Name)
               select ($"{operation.Name.ToUpperInvariant()} {path.Name} ({Id(operation.Value)})", operation.Value),
        ];
    }

    private static string Id(JsonElement operation) =>
        operation.TryGetProperty("operationId", out var id) ? id.GetString() ?? "" : "no operationId";

    /// <summary>A 2xx answer whose JSON body has a schema, or whose body is a file (PDF, CSV).</summary>
    private static bool DescribesItsSuccess(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject()
            .Where(response => response.Name.StartsWith('2'))
            .Any(response => response.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(media =>
                media.Name is "application/pdf" or "text/csv" or "application/octet-stream"
                || (media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var schema)
                    && schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().Any())));

    private static IEnumerable<int> ProblemStatuses(JsonElement operation) =>
        from response in operation.GetProperty("responses").EnumerateObject()
        where response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _)
        select int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_api_operation_describes_the_body_of_its_success_answer()
    {
        var operations = await OperationsAsync();

        var undescribed = operations.Where(o => !DescribesItsSuccess(o.Operation)).Select(o => o.Name).ToList();

        Assert.True(operations.Count >= 40, $"only {operations.Count} /api/v1 operations in the document");
        Assert.True(undescribed.Count == 0, "no JSON schema for the success answer of: " + string.Join("; ", undescribed));
    }

    [Fact]
    public async Task The_refusals_that_use_cases_answer_are_declared_as_problems()
    {
        var operations = (await OperationsAsync()).ToDictionary(o => o.Name[..o.Name.IndexOf(" (", StringComparison.Ordinal)], o => o.Operation);

        Assert.Equal([400, 401, 403, 404, 409, 422], ProblemStatuses(operations["POST /api/v1/objections"]).Order());
        Assert.Equal([401, 403, 404, 422], ProblemStatuses(operations["GET /api/v1/designations/{id}"]).Order()); // 422 purpose-unknown
        Assert.Equal([400, 409, 422, 429], ProblemStatuses(operations["POST /api/v1/subject-sessions/activate"]).Order());
        Assert.Contains(429, ProblemStatuses(operations["GET /api/v1/public/subjects"]));
        Assert.Equal([422, 429], ProblemStatuses(operations["GET /api/v1/public/records"]).Order());
    }
}

public sealed class OpenApiContractTests_on_SQLite() : OpenApiContractTests(new SqliteTestDatabases());
