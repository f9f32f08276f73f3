using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PublicCredit.Access;
using PublicCredit.Checks;
using PublicCredit.Import;

using PublicCredit.Designations;
using PublicCredit.Inquiries;
using PublicCredit.Ledger;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Reports;
using PublicCredit.Removals;
using PublicCredit.Restorations;
using PublicCredit.Subjects;
using PublicCredit.Subscriptions;

namespace PublicCredit.Storage;

/// <summary>
/// The one database of the platform. Provider-neutral: PublicCredit.Data chooses SQLite or PostgreSQL from the
/// connection string and supplies the migrations assembly of that provider (ADR 0001).
/// </summary>
public class PublicCreditDbContext(DbContextOptions<PublicCreditDbContext> options) : DbContext(options)
{
    public DbSet<LedgerEventRow> LedgerEvents => Set<LedgerEventRow>();

    public DbSet<LedgerHeadRow> LedgerHead => Set<LedgerHeadRow>();

    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();

    public DbSet<SubjectTokenRow> SubjectTokens => Set<SubjectTokenRow>();

    /// <summary>One-time codes in designation notices, redeemed by the subject for its own token (ADR 0029).</summary>
    public DbSet<ActivationCodeRow> ActivationCodes => Set<ActivationCodeRow>();

    /// <summary>Console and /me browser sessions, ended by sign-out or by revoking their credential (ADR 0030).</summary>
    public DbSet<WebSessionRow> WebSessions => Set<WebSessionRow>();

    public DbSet<InquiryRow> Inquiries => Set<InquiryRow>();

    /// <summary>The inquiry log's group commits, each sealed by a ledger event (ADR 0040).</summary>
    public DbSet<InquiryBatchRow> InquiryBatches => Set<InquiryBatchRow>();

    public DbSet<ImportRunRow> ImportRuns => Set<ImportRunRow>();

    /// <summary>Every version of every credit record; <c>Records.Current()</c> gives what views show (ADR 0006).</summary>
    public DbSet<RecordRow> Records => Set<RecordRow>();

    /// <summary>Designations on red and black lists; life-cycle changes go through <c>DesignationTransitions</c> (ADR 0009).</summary>
    public DbSet<DesignationRow> Designations => Set<DesignationRow>();

    public DbSet<ResponsiblePersonRow> ResponsiblePersons => Set<ResponsiblePersonRow>();

    public DbSet<StatementRow> DesignationStatements => Set<StatementRow>();

    /// <summary>The subjects records are about: kind, name as last recorded, public id (ADR 0008).</summary>
    public DbSet<SubjectRow> Subjects => Set<SubjectRow>();

    /// <summary>The public name search's bigram index (ADR 0046), written by database triggers on <c>subjects</c>.</summary>
    public DbSet<SubjectNameGramRow> SubjectNameGrams => Set<SubjectNameGramRow>();

    /// <summary>Whether checking departments applied the measures checks returned (ADR 0010).</summary>
    public DbSet<CheckFeedbackRow> CheckFeedback => Set<CheckFeedbackRow>();

    /// <summary>Objections against records and designations; filing suspends the target at once (ADR 0013).</summary>
    public DbSet<ObjectionRow> Objections => Set<ObjectionRow>();

    /// <summary>Digests of issued credit reports, for /verify/{code} (ADR 0015).</summary>
    public DbSet<IssuedReportRow> IssuedReports => Set<IssuedReportRow>();

    /// <summary>Credit restoration applications (ADR 0014).</summary>
    public DbSet<RestorationRow> Restorations => Set<RestorationRow>();

    /// <summary>Performance of obligations recorded for automatic removal from a list (ADR 0014).</summary>
    public DbSet<PerformanceRow> Performances => Set<PerformanceRow>();

    /// <summary>Checking departments' webhook subscriptions (ADR 0052).</summary>
    public DbSet<SubscriptionRow> Subscriptions => Set<SubscriptionRow>();

    /// <summary>The subjects of subscriptions' watchlists.</summary>
    public DbSet<SubscriptionSubjectRow> SubscriptionSubjects => Set<SubscriptionSubjectRow>();

    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// Begins a read-only transaction in which every query sees the database as of one moment, whatever commits
    /// meanwhile — for reads that compare several tables with each other (verifying the ledger against its head and
    /// the state tables). PostgreSQL: REPEATABLE READ (one snapshot for the transaction). SQLite in WAL mode: a deferred
    /// BEGIN (Microsoft.Data.Sqlite opens it for ReadUncommitted, which has no other effect without a shared cache), so
    /// the first read fixes the snapshot and no writer is blocked. Null when a transaction is already open.
    /// </summary>
    public async Task<IDbContextTransaction?> BeginReadSnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return null;
        }

        var level = Database.ProviderName == SqliteProvider ? IsolationLevel.ReadUncommitted : IsolationLevel.RepeatableRead;
        return await Database.BeginTransactionAsync(level, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.ProviderName == SqliteProvider)
        {
            // SQLite has no instant type; fixed-width UTC text sorts and compares chronologically (ADR 0001).
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantTextConverter>();
        }
        else
        {
            // PostgreSQL's timestamptz holds an instant; Npgsql accepts only UTC offsets for it.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PublicCreditDbContext).Assembly);
        UseSnakeCaseNames(modelBuilder.Model);
    }

    /// <summary>snake_case tables and columns, so hand-written SQL (COPY, NOTIFY, psql) needs no quoting.</summary>
    private static void UseSnakeCaseNames(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            entity.SetTableName(ToSnakeCase(entity.GetTableName() ?? entity.ClrType.Name));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName() ?? string.Empty));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? string.Empty));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var beforeLower = i > 0 && i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]);
                if (afterLowerOrDigit || beforeLower)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
