using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PublicCredit.Reports;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// Two real `pcredit serve` processes on one PostgreSQL database (docs/design.md#nodes-and-scale-out, docs/api.md#objections; ADR 0012): a designation
/// decided, suspended by an objection, reinstated and revoked through node A is reflected by checks on node B within 1 second. The processes use the real clock, so the
/// designation is decided at once (the subject files a statement) and takes effect now.
/// </summary>
public sealed class TwoNodeTests(PostgresClusterFixture cluster)
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(1);
    private const string Organisation = DesignationBodies.Organisation;
    private const string Person = DesignationBodies.LegalRepresentative;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_designation_decided_objected_to_reinstated_and_revoked_on_one_node_reaches_checks_on_the_other_within_one_second()
    {
        var database = await cluster.CreateDatabaseAsync(Cancel);
        var db = database.ConnectionString;
        var recorderKey = await KeyAsync(db, "recorder", Departments.Spc);
        var reviewerKey = await KeyAsync(db, "reviewer", Departments.Spc);
        var checkerKey = await KeyAsync(db, "checker", Departments.Mof);
        var keys = Directory.CreateTempSubdirectory("pcredit-keys-").FullName;
        await using var nodeA = await ServeProcess.StartAsync(db, keys);
        await using var nodeB = await ServeProcess.StartAsync(db, keys);
        using var recorder = nodeA.Client(recorderKey);
        using var reviewer = nodeA.Client(reviewerKey);
        using var checker = nodeB.Client(checkerKey);
        Assert.Equal("clear", await OutcomeAsync(checker, Organisation, "government-procurement"));

        var body = DesignationBodies.DefaulterDesignation(subject: Organisation, name: "福州示例食品有限公司");
        body["responsiblePersons"] = new JsonArray { new JsonObject { ["id"] = Person, ["name"] = "张三", ["role"] = "legal-representative" } };
        var proposed = await recorder.PostExpectAsync("/api/v1/designations", body, HttpStatusCode.Created, Cancel);
        var id = proposed.GetProperty("id").GetGuid();
        using var subject = nodeA.Client(await nodeA.ActivateAsync(proposed));
        await subject.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);

        await reviewer.PostExpectAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(document: "（2026）闽01执决123号"), HttpStatusCode.OK, Cancel);
        await ShownWithinGoalAsync(checker, "measures", "the decision");
        Assert.Equal("measures", await OutcomeAsync(checker, Person, "air-ticket")); // the responsible person too

        // docs/design.md#4-an-objection-suspends-at-once: an objection suspends at once on every node; rejecting it puts the measures back everywhere.
        var objection = await subject.PostExpectAsync("/api/v1/objections", new JsonObject
        {
            ["target"] = new JsonObject { ["designationId"] = id.ToString() },
            ["grounds"] = "涉案款项已全部履行。",
        }, HttpStatusCode.Created, Cancel);
        await ShownWithinGoalAsync(checker, "clear", "the objection");
        await reviewer.PostExpectAsync($"/api/v1/objections/{objection.GetProperty("id").GetGuid()}/resolve",
            new JsonObject { ["outcome"] = "rejected", ["reasons"] = "未提供履行凭证。" }, HttpStatusCode.OK, Cancel);
        await ShownWithinGoalAsync(checker, "measures", "the rejected objection");

        await reviewer.PostExpectAsync($"/api/v1/designations/{id}/revoke", new JsonObject { ["reasons"] = "已全部履行。" }, HttpStatusCode.OK, Cancel);
        await ShownWithinGoalAsync(checker, "clear", "the revocation");
        Assert.Equal("clear", await OutcomeAsync(checker, Person, "air-ticket"));
    }

    [Fact]
    public async Task Two_nodes_sharing_a_keys_folder_verify_each_others_reports_and_codes_of_a_rotated_key_still_verify()
    {
        var db = (await cluster.CreateDatabaseAsync(Cancel)).ConnectionString;
        var recorderKey = await KeyAsync(db, "recorder", Departments.Samr);
        var keys = Directory.CreateTempSubdirectory("pcredit-keys-").FullName;
        await using var nodeA = await ServeProcess.StartAsync(db, keys);
        await using var nodeB = await ServeProcess.StartAsync(db, keys);
        using (var recorder = nodeA.Client(recorderKey))
        {
            await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.Created, Cancel);
        }

        var byA = await ReportCodeAsync(nodeA);
        var byB = await ReportCodeAsync(nodeB);
        Assert.Equal(ReportCodes.KeyIdOf(Canonical(byA)), ReportCodes.KeyIdOf(Canonical(byB))); // one current key, in the code
        await AssertVerifiesAsync(nodeB, byA);
        await AssertVerifiesAsync(nodeA, byB);

        // The operator rotates the key; a node started since signs with the new one, and each node verifies both.
        var rotated = await CliRunner.RunAsync("reports", "rotate-key", "--keys", keys);
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        await using var nodeC = await ServeProcess.StartAsync(db, keys);
        var byC = await ReportCodeAsync(nodeC);
        Assert.NotEqual(ReportCodes.KeyIdOf(Canonical(byA)), ReportCodes.KeyIdOf(Canonical(byC)));
        Assert.Contains(ReportCodes.KeyIdOf(Canonical(byC)).ToString("x4", System.Globalization.CultureInfo.InvariantCulture), rotated.Output, StringComparison.Ordinal);
        await AssertVerifiesAsync(nodeC, byA);
        await AssertVerifiesAsync(nodeA, byC);
    }

    [Fact]
    public async Task A_PostgreSQL_node_without_a_keys_folder_refuses_to_start_with_a_coded_message()
    {
        var db = (await cluster.CreateDatabaseAsync(Cancel)).ConnectionString;

        var refused = await CliRunner.RunAsync("serve", "--db", db, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("setting-keys-required", refused.Error, StringComparison.Ordinal);
    }

    private static string Canonical(string display) => ReportCodes.Canonical(display)!;

    private static async Task<string> ReportCodeAsync(ServeProcess node)
    {
        using var anyone = new HttpClient { BaseAddress = node.Address };
        using var response = await anyone.GetAsync(new Uri($"/public/subjects/{RecordBodies.OrganisationId}/report.pdf", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = (response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName)!.Trim('"');
        return name["credit-report-".Length..^".pdf".Length];
    }

    private static async Task AssertVerifiesAsync(ServeProcess node, string code)
    {
        using var anyone = new HttpClient { BaseAddress = node.Address };
        using var response = await anyone.GetAsync(new Uri("/verify/" + code, UriKind.Relative), Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK && page.Contains("报告真实", StringComparison.Ordinal),
            $"{node.Address} did not verify {code}: {(int)response.StatusCode}");
    }

    /// <summary>Asserts that node B's check on the organisation answers <paramref name="expected"/> within the goal of
    /// a change just made through node A.</summary>
    private static async Task ShownWithinGoalAsync(HttpClient checker, string expected, string change)
    {
        var since = Stopwatch.StartNew();
        var shown = await UntilAsync(checker, Organisation, "government-procurement", expected);
        var elapsed = since.Elapsed;
        Assert.True(shown, $"node B did not answer '{expected}' after {change} on A within {Goal.TotalMilliseconds} ms");
        Assert.True(elapsed <= Goal, $"node B answered '{expected}' after {change} on A only after {elapsed.TotalMilliseconds:F0} ms");
        TestContext.Current.TestOutputHelper?.WriteLine($"{change} on A shown by B after {elapsed.TotalMilliseconds:F0} ms");
    }

    private static async Task<string> KeyAsync(string db, string role, string department)
    {
        var created = await CliRunner.RunAsync("keys", "create", "--role", role, "--dept", department, "--db", db);
        Assert.True(created.ExitCode == 0, created.Error);
        return created.Lines[^1];
    }

    /// <summary>Checks every 10 ms until the outcome is <paramref name="expected"/> or the goal has passed.</summary>
    private static async Task<bool> UntilAsync(HttpClient checker, string subject, string matter, string expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed <= Goal)
        {
            if (await OutcomeAsync(checker, subject, matter) == expected)
            {
                return true;
            }

            await Task.Delay(10, Cancel);
        }

        return false;
    }

    private static async Task<string?> OutcomeAsync(HttpClient checker, string subject, string matter)
    {
        var check = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = subject, ["matter"] = matter }, HttpStatusCode.OK, Cancel);
        return check.GetProperty("outcome").GetString();
    }

    /// <summary>`pcredit serve` as a child process (the built CLI, as an operator starts it), stopped on dispose.</summary>
    private sealed class ServeProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> output = [];

        private ServeProcess(Process process, Uri address)
        {
            this.process = process;
            Address = address;
        }

        public Uri Address { get; }

        /// <summary>Starts a node; nodes on one PostgreSQL database share a keys folder (ADR 0039 §3).</summary>
        public static async Task<ServeProcess> StartAsync(string db, string keys)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Directory.CreateTempSubdirectory("pcredit-node-").FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "pcredit.dll"), "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}", "--keys", keys })
            {
                start.ArgumentList.Add(arg);
            }

            var node = new ServeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node.process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException("pcredit serve ended: " + node.Output));
                    return;
                }

                lock (node.output)
                {
                    node.output.Add(e.Data);
                }

                if (e.Data.Contains("listening on", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            };
            node.process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (node.output)
                    {
                        node.output.Add(e.Data);
                    }
                }
            };
            node.process.BeginOutputReadLine();
            node.process.BeginErrorReadLine();
            try
            {
                await listening.Task.WaitAsync(TimeSpan.FromSeconds(90), Cancel);
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }

            return node;
        }

        public string Output
        {
            get
            {
                lock (output)
                {
                    return string.Join('\n', output);
                }
            }
        }

        /// <summary>The subject redeems its notice's activation code on this node (ADR 0029).</summary>
        public async Task<string> ActivateAsync(System.Text.Json.JsonElement proposed)
        {
            using var anonymous = new HttpClient { BaseAddress = Address };
            using var response = await anonymous.PostAsync(new Uri("/api/v1/subject-sessions/activate", UriKind.Relative),
                new StringContent(new JsonObject { ["code"] = proposed.GetProperty("activationCode").GetString() }.ToJsonString(),
                    System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("token").GetString()!;
        }

        public HttpClient Client(string bearer)
        {
            var client = new HttpClient { BaseAddress = Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
