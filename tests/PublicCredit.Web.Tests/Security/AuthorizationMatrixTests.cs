using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;
using PublicCredit.Web.Tests.Restorations;

namespace PublicCredit.Web.Tests.Security;

/// <summary>
/// The authorisation matrix (docs/security.md "Who may do what"): every route of the running server × the public, the
/// subject, another subject, and each staff role of the owning and of another department, over real HTTP. A route the
/// table does not name, a row naming no route, or a cell answered otherwise fails the test, with the observed table.
/// </summary>
public abstract partial class AuthorizationMatrixTests(ITestDatabases databases) : ServerTests(databases)
{
    /// <summary>The department that owns every target the probes touch, and the one that does not.</summary>
    private const string Owner = Departments.Samr;
    private const string Stranger = Departments.Ndrc;

    private static readonly Role[] StaffRoles = [Role.Admin, Role.PlatformAdmin, Role.Recorder, Role.Reviewer, Role.Checker, Role.Auditor];

    private static string TablePath => Path.Combine(RepositoryPaths.Root, "docs", "security.md");

    [Fact]
    public void Every_route_of_the_server_has_a_row_in_the_security_table_and_every_row_names_a_route()
    {
        var table = SecurityTable.Load(TablePath);
        var routes = Routes();

        var unlisted = routes.Except(table.Rows.Keys, StringComparer.Ordinal).ToList();
        var stale = table.Rows.Keys.Except(routes, StringComparer.Ordinal).ToList();

        Assert.True(unlisted.Count == 0 && stale.Count == 0,
            $"routes missing from docs/security.md: {string.Join(", ", unlisted)}; rows naming no route: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_cell_of_the_security_table_holds_for_every_caller_over_real_HTTP()
    {
        var table = SecurityTable.Load(TablePath);
        var world = await World.CreateAsync(Server, Cancel);
        var wrong = new List<string>();
        var observed = new StringBuilder();

        foreach (var (route, row) in table.Rows)
        {
            Assert.True(Probes.TryGetValue(route, out var probe), $"no probe for {route}: add one to {nameof(AuthorizationMatrixTests)}.Probes");
            var line = new Dictionary<MatrixCaller, string>();
            // Refusals first: a refused request must change nothing, so the admitted ones after it find the same state.
            foreach (var caller in SecurityTable.Columns.OrderBy(c => row[c] == MatrixCell.No ? 0 : 1))
            {
                var expected = row[caller];
                var cells = new List<(bool OwnDepartment, bool Admitted)>();
                foreach (var ownDepartment in IsStaff(caller) ? new[] { false, true } : [true])
                {
                    var client = await world.ClientAsync(caller, ownDepartment, api: !IsPage(route));
                    using var request = probe(world);
                    using var response = await client.SendAsync(request, Cancel);
                    var outcome = await ClassifyAsync(response);
                    if (outcome.Failure is { } failure)
                    {
                        wrong.Add($"{route} as {Describe(caller, ownDepartment)}: {failure}");
                    }

                    cells.Add((ownDepartment, outcome.Admitted));
                    var should = expected switch
                    {
                        MatrixCell.Yes => true,
                        MatrixCell.No => false,
                        _ => ownDepartment,
                    };
                    if (outcome.Admitted != should)
                    {
                        wrong.Add($"{route} as {Describe(caller, ownDepartment)}: table says {expected.ToString().ToLowerInvariant()}, server answered {outcome.Summary}");
                    }
                }

                line[caller] = cells.All(c => c.Admitted) ? "yes" : cells.Any(c => c.Admitted) ? "own" : "no";
            }

            observed.AppendLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| `{route}` | {string.Join(" | ", SecurityTable.Columns.Select(c => line[c]))} |"));
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n\nobserved:\n" + observed);
    }

    private static bool IsStaff(MatrixCaller caller) => caller is not (MatrixCaller.Public or MatrixCaller.Subject or MatrixCaller.OtherSubject);

    private static bool IsPage(string route) => !route.Contains(" /api/", StringComparison.Ordinal) && !route.Contains(" /healthz", StringComparison.Ordinal)
        && !route.Contains("/report.pdf", StringComparison.Ordinal) && !route.Contains(" /assets/", StringComparison.Ordinal);

    private static string Describe(MatrixCaller caller, bool ownDepartment) =>
        IsStaff(caller) ? $"{caller.ToString().ToLowerInvariant()} of {(ownDepartment ? Owner : Stranger)}" : caller.ToString();

    private IReadOnlyList<string> Routes()
    {
        var endpoints = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(m => $"{m} {pattern}"));
        }

        return [.. routes.Distinct(StringComparer.Ordinal)];
    }

    private sealed record Outcome(bool Admitted, string Summary, string? Failure);

    /// <summary>Admitted: the request reached the use case (any answer but a refusal). Refused: 401/403, a page's
    /// redirect to sign in, or a 404 that hides another's data. A 5xx is a failure whatever the cell says.</summary>
    private static async Task<Outcome> ClassifyAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var code = CodeOf(body);
        var summary = $"{status}{(code is null ? string.Empty : " " + code)}";
        if (status >= 500)
        {
            return new Outcome(false, summary, $"answered {summary}: {body[..Math.Min(body.Length, 300)]}");
        }

        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var refused = status is 401 or 403 or 404
            || (status is 302 or 303 && (location.StartsWith("/console/signin", StringComparison.Ordinal) || location.StartsWith("/me/signin", StringComparison.Ordinal)));
        return new Outcome(!refused, status is 302 or 303 ? $"{status} → {location}" : summary, null);
    }

    private static string? CodeOf(string body)
    {
        if (!body.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Post(string path, JsonNode body) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };

    private static int serial;

    private static string NextDocument() => $"闽市监罚〔2026〕{900 + Interlocked.Increment(ref serial)}号";

    /// <summary>One request per route, aimed at targets the owning department made about the subject.</summary>
    private static readonly Dictionary<string, Func<World, HttpRequestMessage>> Probes = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = _ => Get("/healthz"),
        ["GET /healthz/live"] = _ => Get("/healthz/live"),
        ["GET /healthz/ready"] = _ => Get("/healthz/ready"),
        ["POST /api/v1/subject-sessions/activate"] = _ => Post("/api/v1/subject-sessions/activate", new JsonObject { ["code"] = "ABCD-EFGH-JKMN-PQRS" }),
        ["DELETE /api/v1/keys/{id}"] = w => new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/keys/{w.RevocableKeyId}", UriKind.Relative)),
        ["POST /api/v1/keys/{id}/rotation"] = w => Post($"/api/v1/keys/{w.RotatableKeyId}/rotation", new JsonObject()),
        ["GET /api/v1/me/tokens"] = _ => Get("/api/v1/me/tokens"),
        ["DELETE /api/v1/me/tokens/{id}"] = w => new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/me/tokens/{w.RevocableTokenId}", UriKind.Relative)),
        ["POST /api/v1/objections/{id}/suspend"] = w => Post($"/api/v1/objections/{w.ObjectionId}/suspend", new JsonObject { ["reasons"] = "异议理由初步成立，先行暂停。" }),
        ["GET /console/keys"] = _ => Get("/console/keys"),
        ["GET /assets/{name}"] = _ => Get("/assets/site.css"),
        ["GET /openapi/{documentName}.json"] = _ => Get("/openapi/v1.json"),
        ["GET /docs/{documentName?}"] = _ => Get("/docs/v1"),
        ["GET /docs/scalar.js"] = _ => Get("/docs/scalar.js"),
        ["GET /docs/scalar.aspnetcore.js"] = _ => Get("/docs/scalar.aspnetcore.js"),
        ["GET /docs/favicon.svg"] = _ => Get("/docs/favicon.svg"),
        ["GET /api/v1/catalog"] = _ => Get("/api/v1/catalog"),
        ["GET /api/v1/public/subjects"] = _ => Get("/api/v1/public/subjects?q=%E7%A6%8F%E5%B7%9E%E7%A4%BA%E4%BE%8B"),
        ["GET /api/v1/public/subjects/{subjectId}"] = w => Get($"/api/v1/public/subjects/{w.Subject}"),
        ["GET /api/v1/public/lists/{listType}"] = _ => Get("/api/v1/public/lists/serious-untrustworthy-market"),
        ["GET /api/v1/public/records"] = _ => Get("/api/v1/public/records?department=samr"),
        ["GET /public/subjects/{subjectId}/report.pdf"] = w => Get($"/public/subjects/{w.Subject}/report.pdf"),
        ["GET /api/v1/changes"] = _ => Get("/api/v1/changes?limit=5"),
        ["POST /api/v1/checks"] = w => Post("/api/v1/checks", new JsonObject { ["subject"] = w.Subject, ["matter"] = "government-procurement" }),
        ["POST /api/v1/checks/batch"] = w => Post("/api/v1/checks/batch", new JsonObject
        {
            ["items"] = new JsonArray { new JsonObject { ["subject"] = w.Subject, ["matter"] = "government-procurement" } },
        }),
        ["POST /api/v1/checks/{checkId}/feedback"] = w => Post($"/api/v1/checks/{w.CheckId}/feedback",
            new JsonObject { ["measure"] = "restrict-government-procurement", ["applied"] = true }),
        ["POST /api/v1/subscriptions"] = _ => Post("/api/v1/subscriptions", Subscriptions.SubscriptionTests.Registration()),
        ["GET /api/v1/subscriptions"] = _ => Get("/api/v1/subscriptions"),
        ["GET /api/v1/subscriptions/{id}"] = w => Get($"/api/v1/subscriptions/{w.SubscriptionId}"),
        ["DELETE /api/v1/subscriptions/{id}"] = w => new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/subscriptions/{w.DeletableSubscriptionId}", UriKind.Relative)),
        ["PUT /api/v1/subscriptions/{id}/subjects"] = w => new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/subscriptions/{w.SubscriptionId}/subjects", UriKind.Relative))
        {
            Content = new StringContent(w.Subject + "\n", Encoding.UTF8, "text/csv"),
        },
        ["GET /api/v1/stats/implementation"] = _ => Get("/api/v1/stats/implementation"),
        ["GET /api/v1/stats/publicity"] = _ => Get("/api/v1/stats/publicity"),
        ["GET /api/v1/stats/deadlines"] = _ => Get("/api/v1/stats/deadlines"),
        ["POST /api/v1/designations"] = _ => Post("/api/v1/designations", DesignationBodies.MarketDesignation(NextDocument().Replace("罚", "信告", StringComparison.Ordinal))),
        ["GET /api/v1/designations"] = _ => Get("/api/v1/designations"),
        ["GET /api/v1/designations/suggestions"] = _ => Get("/api/v1/designations/suggestions"),
        ["GET /api/v1/designations/{id}"] = w => Get($"/api/v1/designations/{w.DesignationId}"),
        ["GET /api/v1/designations/{id}/decision"] = w => Get($"/api/v1/designations/{w.DesignationId}/decision"),
        ["POST /api/v1/designations/{id}/statements"] = w => Post($"/api/v1/designations/{w.DesignationId}/statements", DesignationBodies.Statement()),
        ["POST /api/v1/designations/{id}/decide"] = w => Post($"/api/v1/designations/{w.DesignationId}/decide", DesignationBodies.Decision()),
        ["POST /api/v1/designations/{id}/performance"] = w => Post($"/api/v1/designations/{w.DesignationId}/performance",
            new JsonObject { ["performanceDocument"] = "闽市监履〔2026〕1号", ["evidence"] = "履行完毕证明。" }),
        ["POST /api/v1/designations/{id}/revoke"] = w => Post($"/api/v1/designations/{w.RevocableDesignationId}/revoke", new JsonObject { ["reasons"] = "复核后撤销" }),
        ["POST /api/v1/designations/{id}/confirm"] = w => Post($"/api/v1/designations/{w.DesignationId}/confirm", new JsonObject { ["reasons"] = "已不存在冲突" }),
        ["GET /api/v1/keys"] = _ => Get("/api/v1/keys"),
        ["POST /api/v1/keys"] = _ => Post("/api/v1/keys", new JsonObject { ["role"] = "checker", ["department"] = Owner }),
        ["GET /api/v1/ledger"] = _ => Get("/api/v1/ledger?limit=5&purpose=audit"),
        ["GET /api/v1/ledger/verification"] = _ => Get("/api/v1/ledger/verification"),
        ["POST /api/v1/objections"] = w => Post("/api/v1/objections", ObjectionSteps.Objection(w.RecordId, record: true)),
        ["GET /api/v1/objections"] = _ => Get("/api/v1/objections"),
        ["GET /api/v1/objections/{id}"] = w => Get($"/api/v1/objections/{w.ObjectionId}"),
        ["POST /api/v1/objections/{id}/resolve"] = w => Post($"/api/v1/objections/{w.ObjectionId}/resolve", ObjectionSteps.Resolution("rejected")),
        ["POST /api/v1/records"] = _ => Post("/api/v1/records", RecordBodies.Penalty(NextDocument(), "2027-02-26")),
        ["POST /api/v1/records/batch"] = _ => Post("/api/v1/records/batch", new JsonArray(RecordBodies.Penalty(NextDocument(), "2027-02-26"))),
        ["GET /api/v1/records/{id}"] = w => Get($"/api/v1/records/{w.RecordId}?purpose=supervision"),
        ["POST /api/v1/records/{id}/corrections"] = w => Post($"/api/v1/records/{w.RecordId}/corrections",
            RecordBodies.Penalty().With("amount", 15).With("reason", "罚款金额录入错误")),
        ["POST /api/v1/restorations"] = w => Post("/api/v1/restorations", RestorationScenario.Application(recordId: w.RecordId)),
        ["GET /api/v1/restorations"] = _ => Get("/api/v1/restorations"),
        ["GET /api/v1/restorations/{id}"] = w => Get($"/api/v1/restorations/{w.RestorationId}"),
        ["POST /api/v1/restorations/{id}/accept"] = w => Post($"/api/v1/restorations/{w.RestorationId}/accept", RestorationScenario.Accept()),
        ["POST /api/v1/restorations/{id}/decide"] = w => Post($"/api/v1/restorations/{w.RestorationId}/decide", RestorationScenario.Decide(granted: false, reasons: "证据不足。")),
        ["GET /api/v1/me"] = _ => Get("/api/v1/me"),
        ["GET /api/v1/me/export"] = _ => Get("/api/v1/me/export"),
        ["GET /api/v1/subjects/{subjectId}"] = w => Get($"/api/v1/subjects/{w.Subject}?purpose=supervision"),
        ["GET /api/v1/subjects/{subjectId}/inquiries"] = w => Get($"/api/v1/subjects/{w.Subject}/inquiries?purpose=audit"),
        ["GET /api/v1/subjects/{subjectId}/export"] = w => Get($"/api/v1/subjects/{w.Subject}/export"),
        // Pages: probed with GET in a signed-in browser session of the caller (their forms post to the same filter).
        ["GET /"] = _ => Get("/"),
        ["GET /language"] = _ => Get("/language"),
        ["GET /verify/{code?}"] = _ => Get("/verify"),
        ["GET /public/subjects/{subjectId}"] = w => Get($"/public/subjects/{w.Subject}"),
        ["GET /lists"] = _ => Get("/lists"),
        ["GET /lists/{code}"] = _ => Get("/lists/serious-untrustworthy-market"),
        ["GET /lists/{code}.{format}"] = _ => Get("/lists/serious-untrustworthy-market.csv"),
        ["GET /catalog"] = _ => Get("/catalog"),
        ["GET /privacy"] = _ => Get("/privacy"),
        ["GET /me"] = _ => Get("/me"),
        ["GET /me/signin"] = _ => Get("/me/signin"),
        ["GET /console"] = _ => Get("/console"),
        ["GET /console/signin"] = _ => Get("/console/signin"),
        ["GET /console/designations"] = _ => Get("/console/designations"),
        ["GET /console/designations/new"] = _ => Get("/console/designations/new"),
        ["GET /console/designations/{id:guid}"] = w => Get($"/console/designations/{w.DesignationId}"),
        ["GET /console/objections"] = _ => Get("/console/objections"),
        ["GET /console/restorations"] = _ => Get("/console/restorations"),
        ["GET /console/stats"] = _ => Get("/console/stats"),
        ["GET /console/records/new"] = _ => Get("/console/records/new"),
        ["GET /console/records/upload"] = _ => Get("/console/records/upload"),
        ["GET /console/records/upload/{runId:guid}"] = w => Get($"/console/records/upload/{w.UploadRunId}"),
    };

    /// <summary>
    /// What the probes aim at, all owned by SAMR and about one organisation: a published penalty (objected to, and under a
    /// restoration application), a designation on its serious list (decided), a second one to revoke, a check run by SAMR's checker
    /// and a console upload run of SAMR's recorder. The clock stands where restoration of the penalty may be applied for.
    /// </summary>
    private sealed class World(RunningServer server, CancellationToken cancel)
    {
        private readonly Dictionary<(MatrixCaller, bool, bool), HttpClient> clients = [];

        public string Subject { get; } = DesignationBodies.Organisation;

        public Guid RecordId { get; private set; }

        public Guid DesignationId { get; private set; }

        public Guid RevocableDesignationId { get; private set; }

        public Guid ObjectionId { get; private set; }

        public Guid RestorationId { get; private set; }

        public Guid CheckId { get; private set; }

        public Guid UploadRunId { get; private set; }

        public Guid SubscriptionId { get; private set; }

        public Guid DeletableSubscriptionId { get; private set; }

        public Guid RevocableKeyId { get; private set; }

        public Guid RotatableKeyId { get; private set; }

        public Guid RevocableTokenId { get; private set; }

        public static async Task<World> CreateAsync(RunningServer server, CancellationToken cancel)
        {
            var world = new World(server, cancel);
            var given = new Given(server, cancel);
            world.RecordId = (await given.PublishedRecordAsync()).Id;
            using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Owner));
            world.DesignationId = (await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation("国市监信告〔2026〕71号"), HttpStatusCode.Created, cancel)).GetProperty("id").GetGuid();
            world.RevocableDesignationId = (await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation("国市监信告〔2026〕72号"), HttpStatusCode.Created, cancel)).GetProperty("id").GetGuid();
            using (var checker = server.Client(await server.KeyAsync(Role.Checker, Owner)))
            {
                world.CheckId = (await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = world.Subject, ["matter"] = "government-procurement" }, HttpStatusCode.OK, cancel)).GetProperty("checkId").GetGuid();
                world.SubscriptionId = (await checker.PostExpectAsync("/api/v1/subscriptions", Subscriptions.SubscriptionTests.Registration(), HttpStatusCode.Created, cancel))
                    .GetProperty("subscription").GetProperty("id").GetGuid();
                world.DeletableSubscriptionId = (await checker.PostExpectAsync("/api/v1/subscriptions", Subscriptions.SubscriptionTests.Registration(), HttpStatusCode.Created, cancel))
                    .GetProperty("subscription").GetProperty("id").GetGuid();
            }

            // Restoration of a general penalty opens three months after its decision (2026-11-20 → 2027-02-20).
            given.MoveTo(new DateTimeOffset(2027, 2, 26, 9, 0, 0, RestorationScenario.China));
            using (var reviewer = server.Client(await server.KeyAsync(Role.Reviewer, Owner)))
            {
                await reviewer.PostExpectAsync($"/api/v1/designations/{world.DesignationId}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, cancel);
            }

            using var subject = server.Client(await server.SubjectTokenAsync(world.Subject));
            world.RestorationId = (await subject.PostExpectAsync("/api/v1/restorations", RestorationScenario.Application(recordId: world.RecordId), HttpStatusCode.Created, cancel)).GetProperty("id").GetGuid();
            world.ObjectionId = (await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(world.RecordId, record: true), HttpStatusCode.Created, cancel)).GetProperty("id").GetGuid();
            world.UploadRunId = await world.UploadAsync();
            using var scope = server.Services.CreateScope();
            var keys = scope.ServiceProvider.GetRequiredService<CreateApiKey>();
            world.RevocableKeyId = (await keys.RunAsync(Caller.Operator, new CreateApiKeyRequest("checker", Owner, "待吊销"), cancel)).Id;
            world.RotatableKeyId = (await keys.RunAsync(Caller.Operator, new CreateApiKeyRequest("checker", Owner, "待轮换"), cancel)).Id;
            world.RevocableTokenId = (await scope.ServiceProvider.GetRequiredService<IssueSubjectToken>()
                .RunAsync(Caller.Operator, new IssueSubjectTokenRequest(world.Subject), cancel)).Id;
            return world;
        }

        /// <summary>A client for the caller: bearer credentials for the API, a signed-in cookie session for pages.</summary>
        public async Task<HttpClient> ClientAsync(MatrixCaller caller, bool ownDepartment, bool api)
        {
            if (clients.TryGetValue((caller, ownDepartment, api), out var cached))
            {
                return cached;
            }

            var credential = caller switch
            {
                MatrixCaller.Public => null,
                MatrixCaller.Subject => await server.SubjectTokenAsync(Subject),
                MatrixCaller.OtherSubject => await server.SubjectTokenAsync(DesignationBodies.OtherOrganisation),
                _ => await server.KeyAsync(StaffRoles[(int)caller - (int)MatrixCaller.Admin], ownDepartment ? Owner : Stranger),
            };
            HttpClient client;
            if (api)
            {
                client = server.Client(credential);
            }
            else
            {
                client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
                if (credential is not null)
                {
                    var (path, field) = IsStaff(caller) ? ("/console/signin", "apiKey") : ("/me/signin", "token");
                    await SignInAsync(client, path, field, credential);
                }
            }

            clients[(caller, ownDepartment, api)] = client;
            return client;
        }

        private async Task SignInAsync(HttpClient client, string path, string field, string credential)
        {
            var token = await AntiforgeryAsync(client, path);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [field] = credential, ["__af"] = token });
            using var signedIn = await client.PostAsync(new Uri(path, UriKind.Relative), form, cancel);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        private async Task<string> AntiforgeryAsync(HttpClient client, string path)
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), cancel);
            return AntiforgeryField().Match(html).Groups[1].Value;
        }

        /// <summary>SAMR's recorder uploads a one-line CSV in the console; the run page is SAMR's.</summary>
        private async Task<Guid> UploadAsync()
        {
            var client = await ClientAsync(MatrixCaller.Recorder, ownDepartment: true, api: false);
            var token = await AntiforgeryAsync(client, "/console/records/upload");
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(token), "__af");
            var header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";
            var line = "administrative-penalty,91350100M000100Y43,福州示例食品有限公司,闽市监罚〔2026〕990号,2026-11-20,general,《中华人民共和国食品安全法》第一百二十四条,超范围使用食品添加剂,罚款,12.5,张三,";
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(header + "\n" + line + "\n"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "samr.csv");
            using var response = await client.PostAsync(new Uri("/console/records/upload", UriKind.Relative), form, cancel);
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
            return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
        }
    }

    [GeneratedRegex("name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class AuthorizationMatrixTests_on_SQLite() : AuthorizationMatrixTests(new SqliteTestDatabases());

public sealed class AuthorizationMatrixTests_on_PostgreSQL(PostgresClusterFixture cluster) : AuthorizationMatrixTests(new PostgresTestDatabases(cluster));
