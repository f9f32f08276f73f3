using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// docs/design.md#scope-no-department-acts-for-another, first bullet (ADR 0031): a department's admin issues keys for its own department only, never a key
/// wider than itself; keys of other departments, auditors and platform admins come from the operator or a platform
/// admin, and every issuance names its issuer in the ledger.
/// </summary>
public abstract class KeyScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_department_admin_cannot_mint_a_key_for_another_department()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "reviewer", department = Departments.Spc }, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "department-scope");
        Assert.Equal(1, await KeyCountAsync());
    }

    [Theory]
    [InlineData("platform-admin")]
    [InlineData("auditor")]
    public async Task A_department_admin_cannot_mint_a_role_wider_than_its_own_even_in_its_own_department(string role)
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role, department = Departments.Samr }, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, KeyAuthority.RoleNotIssuable);
        Assert.Equal(1, await KeyCountAsync());
    }

    [Fact]
    public async Task A_department_admin_mints_a_recorder_of_its_own_department_and_the_event_names_the_admin()
    {
        var adminKey = await Server.KeyAsync(Role.Admin, Departments.Samr);
        using var admin = Server.Client(adminKey);

        var created = await admin.PostExpectAsync("/api/v1/keys",
            new System.Text.Json.Nodes.JsonObject { ["role"] = "recorder", ["department"] = Departments.Samr }, HttpStatusCode.Created, Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var id = created.GetProperty("id").GetGuid();
        var row = await db.ApiKeys.SingleAsync(k => k.Id == id, Cancel);
        Assert.True(AccessToken.TryParse(adminKey, out var parsed));
        Assert.Equal($"key:{parsed.Lookup}", row.CreatedBy);
        var evt = await db.LedgerEvents.Where(e => e.Type == CreateApiKey.EventType).OrderBy(e => e.Position).LastAsync(Cancel);
        Assert.Equal($"key:{parsed.Lookup}", evt.Actor);
        Assert.Contains(id.ToString(), evt.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_admin_issues_keys_for_any_department_but_never_another_platform_admin()
    {
        using var platform = Server.Client(await Server.KeyAsync(Role.PlatformAdmin, Departments.Ndrc));

        var auditor = await platform.PostExpectAsync("/api/v1/keys",
            new System.Text.Json.Nodes.JsonObject { ["role"] = "auditor", ["department"] = Departments.Spc }, HttpStatusCode.Created, Cancel);
        var another = await platform.PostAsJsonAsync("/api/v1/keys", new { role = "platform-admin", department = Departments.Spc }, Cancel);

        Assert.Equal(Departments.Spc, auditor.GetProperty("department").GetString());
        using var asAuditor = Server.Client(auditor.GetProperty("key").GetString());
        var verification = await asAuditor.GetFromJsonAsync<JsonElement>("/api/v1/ledger/verification", Cancel);
        Assert.True(verification.GetProperty("ok").GetBoolean());
        await Problems.AssertAsync(another, HttpStatusCode.Forbidden, KeyAuthority.RoleNotIssuable);
    }

    [Fact]
    public async Task A_department_admin_lists_only_its_own_departments_keys_and_cannot_revoke_another_departments()
    {
        var otherKey = await Server.KeyAsync(Role.Recorder, Departments.Spc);
        await Server.KeyAsync(Role.Recorder, Departments.Samr);
        await Server.KeyAsync(Role.Auditor, Departments.Samr);
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));

        var listed = await admin.GetJsonAsync("/api/v1/keys", Cancel);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.True(AccessToken.TryParse(otherKey, out var parsed));
        var otherId = (await db.ApiKeys.SingleAsync(k => k.Lookup == parsed.Lookup, Cancel)).Id;
        var revoke = await admin.DeleteAsync(new Uri($"/api/v1/keys/{otherId}", UriKind.Relative), Cancel);

        Assert.Equal(["admin", "recorder"], listed.EnumerateArray().Select(k => k.GetProperty("role").GetString()).Order());
        Assert.All(listed.EnumerateArray(), k => Assert.Equal(Departments.Samr, k.GetProperty("department").GetString()));
        Assert.All(listed.EnumerateArray(), k => Assert.False(k.TryGetProperty("key", out _)));
        await Problems.AssertAsync(revoke, HttpStatusCode.Forbidden, "department-scope");
        using var other = Server.Client(otherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri($"/api/v1/designations?status=noticed", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_recorder_cannot_list_or_revoke_keys()
    {
        var recorderKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        using var recorder = Server.Client(recorderKey);

        var list = await recorder.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);
        var revoke = await recorder.DeleteAsync(new Uri($"/api/v1/keys/{Guid.NewGuid()}", UriKind.Relative), Cancel);

        await Problems.AssertAsync(list, HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(revoke, HttpStatusCode.Forbidden, "role-forbidden");
    }

    private async Task<int> KeyCountAsync()
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return await db.ApiKeys.CountAsync(Cancel);
    }
}

public sealed class KeyScopeTests_on_SQLite() : KeyScopeTests(new SqliteTestDatabases());

public sealed class KeyScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : KeyScopeTests(new PostgresTestDatabases(cluster));
