using System.Text.Json;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// The OpenAPI document served at <c>/openapi/v1.json</c> (docs/api.md) knows what every <c>/api/v1</c> operation
/// answers on success: each endpoint returns a typed result, so the document carries the JSON schema of its body.
/// The conventions of ADR 0048 hold on every operation: bearer security or an empty requirement, a summary and a tag,
/// coded problems, request bodies with examples, Location on 201, required where the server requires.
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

        // A route that reads a body can also refuse it as too large (413) or not JSON (415); any route as 503 database-busy.
        Assert.Equal([400, 401, 403, 404, 409, 413, 415, 422, 503], ProblemStatuses(operations["POST /api/v1/objections"]).Order());
        Assert.Equal([401, 403, 404, 422, 503], ProblemStatuses(operations["GET /api/v1/designations/{id}"]).Order()); // 422 purpose-unknown
        Assert.Equal([400, 409, 413, 415, 422, 429, 503], ProblemStatuses(operations["POST /api/v1/subject-sessions/activate"]).Order());
        Assert.Contains(429, ProblemStatuses(operations["GET /api/v1/public/subjects"]));
        Assert.Equal([422, 429, 503], ProblemStatuses(operations["GET /api/v1/public/records"]).Order());
    }

    [Fact]
    public async Task Every_problem_answer_is_the_coded_problem_component_and_422_lists_the_fields()
    {
        using var client = Server.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json", Cancel);
        var operations = await OperationsAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("code", Required(schemas.GetProperty("Problem")));
        Assert.Contains("errors", Required(schemas.GetProperty("ValidationProblem")));
        var wrong = (from operation in operations
                     from response in operation.Operation.GetProperty("responses").EnumerateObject()
                     where response.Name[0] is '4' or '5'
                     let expected = response.Name == "422" ? "#/components/schemas/ValidationProblem" : "#/components/schemas/Problem"
                     let reference = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                         ? media.GetProperty("schema").GetProperty("$ref").GetString() : null
                     where reference != expected
                     select $"{operation.Name} {response.Name}").ToList();
        Assert.True(wrong.Count == 0, "not the problem component: " + string.Join("; ", wrong));
    }

    [Fact]
    public async Task Every_operation_says_who_may_call_it_with_bearer_security_or_an_empty_requirement()
    {
        using var client = Server.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json", Cancel);
        var operations = (await OperationsAsync()).ToDictionary(o => o.Name[..o.Name.IndexOf(" (", StringComparison.Ordinal)], o => o.Operation);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.All(operations, o => Assert.True(o.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, o.Key));
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null), o.Key));
        Assert.All(operations, o => Assert.True(o.Value.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, o.Key));
        // Anybody: an empty requirement (a staff key may still be sent); staff routes: the bearer scheme only.
        Assert.Equal("[{},{\"bearer\":[]}]", new string(operations["GET /api/v1/public/subjects"].GetProperty("security").GetRawText().Where(c => !char.IsWhiteSpace(c)).ToArray()));
        Assert.Equal("[{\"bearer\":[]}]", new string(operations["POST /api/v1/checks"].GetProperty("security").GetRawText().Where(c => !char.IsWhiteSpace(c)).ToArray()));
    }

    [Fact]
    public async Task Every_post_describes_its_body_with_an_example_and_every_creation_its_location()
    {
        var operations = await OperationsAsync();

        var withoutBody = operations.Where(o => o.Name.StartsWith("POST ", StringComparison.Ordinal)
                && !(o.Operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var media)
                     && media.TryGetProperty("schema", out _) && media.TryGetProperty("example", out _)))
            .Select(o => o.Name).ToList();
        var createdWithoutLocation = (from o in operations
                                      from response in o.Operation.GetProperty("responses").EnumerateObject()
                                      where response.Name == "201" && !(response.Value.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Location", out _))
                                      select o.Name).ToList();

        Assert.True(withoutBody.Count == 0, "no request body schema and example: " + string.Join("; ", withoutBody));
        Assert.True(createdWithoutLocation.Count == 0, "201 without Location: " + string.Join("; ", createdWithoutLocation));
    }

    [Fact]
    public async Task Query_parameters_the_server_requires_are_required_and_members_omitted_when_null_are_not()
    {
        using var client = Server.Client();
        var document = await client.GetJsonAsync("/openapi/v1.json", Cancel);
        var operations = (await OperationsAsync()).ToDictionary(o => o.Name[..o.Name.IndexOf(" (", StringComparison.Ordinal)], o => o.Operation);

        Assert.True(Parameter(operations["GET /api/v1/public/subjects"], "q").GetProperty("required").GetBoolean());
        Assert.True(Parameter(operations["GET /api/v1/records/{id}"], "purpose").GetProperty("required").GetBoolean());
        Assert.True(Parameter(operations["GET /api/v1/ledger"], "purpose").GetProperty("required").GetBoolean());
        // FiledObjectionResponse: reviewDeadline and suspendedAt are left out while null, the rest always written.
        var filed = document.GetProperty("components").GetProperty("schemas").GetProperty("FiledObjectionResponse");
        Assert.Equal(["filedAt", "id", "status", "suspended", "target"], Required(filed).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_api_reference_at_docs_renders_the_served_document_from_this_origin_only()
    {
        using var client = Server.Client();

        using var page = await client.GetAsync(new Uri("/docs/", UriKind.Relative), Cancel);
        using var script = await client.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative), Cancel);
        using var other = await client.GetAsync(new Uri("/privacy", UriKind.Relative), Cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("<title>PublicCredit API</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // no CDN, no web fonts from elsewhere
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", string.Join(";", other.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [];
}

public sealed class OpenApiContractTests_on_SQLite() : OpenApiContractTests(new SqliteTestDatabases());

public sealed class OpenApiContractTests_on_PostgreSQL(PostgresClusterFixture cluster) : OpenApiContractTests(new PostgresTestDatabases(cluster));
