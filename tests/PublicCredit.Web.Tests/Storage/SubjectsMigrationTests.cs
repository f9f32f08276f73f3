using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>
/// ADR 0008: the migration that adds subjects fills them from the records already stored (name of the latest version,
/// a random public id) and marks versions whose publicity had ended before they were written, on each provider.
/// </summary>
public abstract class SubjectsMigrationTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset November1 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>17:00 UTC on 10 November is already 11 November in China.</summary>
    private static readonly DateTimeOffset LateOnNovember10Utc = new(2026, 11, 10, 17, 0, 0, TimeSpan.Zero);

    private static RecordRow Row(string subjectId, SubjectKind kind, string name, string number, DateOnly? publicUntil,
        DateTimeOffset recordedAt, long position, int version = 1, Guid? id = null, DateTimeOffset? supersededAt = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Version = version,
        Department = "samr",
        DocumentNumber = number,
        Category = "administrative-licensing",
        SubjectId = subjectId,
        SubjectKind = kind,
        SubjectName = name,
        DecisionDate = new DateOnly(2026, 10, 1),
        LegalBasis = "《中华人民共和国行政许可法》第三十八条",
        PublicUntil = publicUntil,
        Published = true,
        SubmittedAt = November1,
        RecordedAt = recordedAt,
        RecordedBy = "key:test",
        ContentHash = new string('0', 64),
        LedgerPosition = position,
        SupersededAt = supersededAt,
    };

    [Fact]
    public async Task Migrating_a_database_that_has_records_fills_subjects_and_marks_versions_that_were_never_public()
    {
        var target = await databases.CreateAsync(Cancel);
        var renamed = Guid.NewGuid();
        await using (var db = StorageServices.CreateContext(target))
        {
            db.Records.AddRange(
                Row(RecordBodies.OrganisationId, SubjectKind.Organisation, "旧名称有限公司", "许1", new DateOnly(2027, 1, 1), November1, 1,
                    id: renamed, supersededAt: LateOnNovember10Utc),
                Row(RecordBodies.OrganisationId, SubjectKind.Organisation, "新名称有限公司", "许1", new DateOnly(2027, 1, 1), LateOnNovember10Utc, 2,
                    version: 2, id: renamed),
                Row(RecordBodies.PersonId, SubjectKind.Individual, "李四", "许2", new DateOnly(2026, 11, 10), LateOnNovember10Utc, 3),
                Row(RecordBodies.PersonId, SubjectKind.Individual, "李四", "许3", new DateOnly(2026, 11, 11), LateOnNovember10Utc, 4));
            await db.SaveChangesAsync(Cancel);

            var migrations = db.Database.GetMigrations().ToList();
            var ours = migrations.FindIndex(m => m.EndsWith("_AddSubjectsAndPublicViews", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[ours - 1], Cancel);
            await migrator.MigrateAsync(null, Cancel);
        }

        await using var check = StorageServices.CreateContext(target);
        var subjects = await check.Subjects.OrderBy(s => s.SubjectId).ToListAsync(Cancel);
        Assert.Equal([RecordBodies.PersonId, RecordBodies.OrganisationId], subjects.Select(s => s.SubjectId));
        Assert.Equal(("李四", SubjectKind.Individual), (subjects[0].Name, subjects[0].Kind));
        Assert.Equal(("新名称有限公司", "新名称有限公司", SubjectKind.Organisation, November1, LateOnNovember10Utc),
            (subjects[1].Name, subjects[1].NameKey, subjects[1].Kind, subjects[1].FirstRecordedAt, subjects[1].NameRecordedAt));
        Assert.All(subjects, s => Assert.Matches("^p-[0-9a-f]{24}$", s.PublicId));
        Assert.NotEqual(subjects[0].PublicId, subjects[1].PublicId);
        var marks = await check.Records.OrderBy(r => r.LedgerPosition).Select(r => r.WithdrawalPosition).ToListAsync(Cancel);
        // Only the version written (11 Nov in China) after its last public day (10 Nov) was never public.
        Assert.Equal([null, null, 3L, null], marks);
    }
}

public sealed class SubjectsMigrationTests_on_SQLite() : SubjectsMigrationTests(new SqliteTestDatabases());

public sealed class SubjectsMigrationTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectsMigrationTests(new PostgresTestDatabases(cluster));
