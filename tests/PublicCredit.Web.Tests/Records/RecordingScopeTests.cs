using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Records;
using PublicCredit.Text;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Records;

/// <summary>
/// Who records (docs/catalog.md#providers-and-sharing): a department records only the categories, and proposes only the
/// list entries, whose <c>providers</c> name it or its kind; anything else is 403 <c>record-category-not-provided</c>
/// (<c>designation-list-not-provided</c>) on every entry path, and nothing is stored.
/// </summary>
public abstract class RecordingScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly CreditCatalog Catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();

    [Fact]
    public async Task A_non_government_body_recording_court_enforcement_is_refused_with_403_and_nothing_is_stored()
    {
        using var association = await Given.StaffAsync(Role.Recorder, "china-banking-association");

        var response = await association.PostJsonAsync("/api/v1/records", SubjectBodies.Defaulter(), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, RecordProblemCodes.CategoryNotProvided);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Records.CountAsync(Cancel));
    }

    [Fact]
    public async Task The_market_regulator_recording_a_tax_violation_in_a_batch_gets_that_item_refused_and_the_others_created()
    {
        using var samr = await Given.StaffAsync(Role.Recorder, Departments.Samr);
        var taxViolation = RecordBodies.Penalty("闽市监罚〔2026〕102号").With("category", "tax-violation");

        var items = await (await samr.PostJsonAsync("/api/v1/records/batch", new JsonArray(RecordBodies.Penalty(), taxViolation), Cancel)).JsonAsync(Cancel);

        Assert.Equal("created", items[0].GetProperty("status").GetString());
        Assert.Equal("rejected", items[1].GetProperty("status").GetString());
        var error = Assert.Single(items[1].GetProperty("errors").EnumerateArray());
        Assert.Equal(("category", RecordProblemCodes.CategoryNotProvided), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(["administrative-penalty"], await db.Records.Select(r => r.Category).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_correction_moving_a_record_into_a_category_the_department_does_not_provide_is_refused()
    {
        using var samr = await Given.StaffAsync(Role.Recorder, Departments.Samr);
        var record = await Given.PublishedRecordAsync(recorder: samr);
        var corrected = RecordBodies.Penalty().With("category", "court-enforcement").With("severity", "serious").With("reason", "类别录入错误");

        var response = await samr.PostJsonAsync($"/api/v1/records/{record.Id}/corrections", corrected, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, RecordProblemCodes.CategoryNotProvided);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(["administrative-penalty"], await db.Records.Select(r => r.Category).ToListAsync(Cancel));
    }

    [Fact]
    public async Task Every_category_of_the_default_catalog_is_recorded_by_a_provider_and_refused_to_a_department_outside_its_providers()
    {
        var number = 0;
        foreach (var category in Catalog.Categories)
        {
            var inside = Catalog.Departments.First(d => category.Scope.IsProvidedBy(d));
            var outside = Catalog.Departments.FirstOrDefault(d => !category.Scope.IsProvidedBy(d));
            using (var provider = await Given.StaffAsync(Role.Recorder, inside.Code))
            {
                var created = await provider.PostJsonAsync("/api/v1/records", Body(category, ++number), Cancel);
                Assert.True(created.StatusCode == HttpStatusCode.Created, $"{inside.Code} recording {category.Code}: {await created.Content.ReadAsStringAsync(Cancel)}");
            }

            if (outside is null)
            {
                continue;
            }

            using var stranger = await Given.StaffAsync(Role.Recorder, outside.Code);
            var refused = await stranger.PostJsonAsync("/api/v1/records", Body(category, ++number), Cancel);
            await Problems.AssertAsync(refused, HttpStatusCode.Forbidden, RecordProblemCodes.CategoryNotProvided);
        }

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(Catalog.Categories.Count, await db.Records.CountAsync(Cancel));
    }

    [Fact]
    public async Task Every_list_type_of_the_default_catalog_refuses_a_proposal_from_a_department_outside_its_providers()
    {
        foreach (var list in Catalog.ListTypes)
        {
            var outside = Catalog.Departments.First(d => !list.Scope.IsProvidedBy(d) && !list.DesignatingDepartments.Contains(d.Code));
            using var stranger = await Given.StaffAsync(Role.Recorder, outside.Code);
            var body = DesignationBodies.MarketDesignation().With("listType", list.Code).Without("responsiblePersons");

            var response = await stranger.PostJsonAsync("/api/v1/designations", body, Cancel);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var code = (await response.JsonAsync(Cancel)).GetProperty("code").GetString();
            Assert.Contains(code, new[] { DesignationProblemCodes.DepartmentNotDesignating, DesignationProblemCodes.ListNotProvided });
        }

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Designations.CountAsync(Cancel));
    }

    /// <summary>A valid organisation record of <paramref name="category"/>: a grade where the category is negative.</summary>
    private static JsonObject Body(Category category, int number)
    {
        var body = RecordBodies.Penalty($"闽测〔2026〕{number}号").With("category", category.Code).Without("amount");
        return category.Polarity == Polarity.Negative
            ? body.With("severity", category.Publicity.Grades.Keys.Max().Code())
            : body.Without("severity");
    }
}

/// <summary>
/// A list type whose providers are narrower than its designating departments: a designating department outside the
/// providers is refused with <c>designation-list-not-provided</c> (docs/catalog.md#providers-and-sharing).
/// </summary>
public abstract class ListProvidersTests(ITestDatabases databases) : IAsyncLifetime
{
    private readonly string catalog = Path.Combine(Path.GetTempPath(), "pcredit-catalog-" + Guid.NewGuid().ToString("N"));
    private RunningServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(catalog);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Catalog))
        {
            File.Copy(file, Path.Combine(catalog, Path.GetFileName(file)));
        }

        var listTypes = Path.Combine(catalog, "list-types.yaml");
        var text = await File.ReadAllTextAsync(listTypes, Cancel);
        var at = text.IndexOf("designatingDepartments: [samr]", StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, at), "designatingDepartments: [samr, sta]", text.AsSpan(at + "designatingDepartments: [samr]".Length));
        await File.WriteAllTextAsync(listTypes, text, Cancel);
        server = await RunningServer.StartAsync(databases, s => s with { CatalogDirectory = catalog }, Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(catalog, recursive: true);
    }

    [Fact]
    public async Task A_designating_department_outside_a_list_types_providers_cannot_propose_an_entry()
    {
        using var sta = server.Client(await server.KeyAsync(Role.Recorder, Departments.Sta));

        var response = await sta.PostJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, DesignationProblemCodes.ListNotProvided);
        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(0, await db.Designations.CountAsync(Cancel));
    }
}

public sealed class RecordingScopeTests_on_SQLite() : RecordingScopeTests(new SqliteTestDatabases());

public sealed class RecordingScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordingScopeTests(new PostgresTestDatabases(cluster));

public sealed class ListProvidersTests_on_SQLite() : ListProvidersTests(new SqliteTestDatabases());

public sealed class ListProvidersTests_on_PostgreSQL(PostgresClusterFixture cluster) : ListProvidersTests(new PostgresTestDatabases(cluster));
