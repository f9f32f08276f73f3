namespace PublicCredit.Storage;

/// <summary>
/// Inserts new rows of one entity type inside the context's current transaction without change tracking: binary
/// <c>COPY</c> on PostgreSQL, one prepared <c>INSERT</c> reused for every row on SQLite (ADR 0011). Columns and stored
/// values come from the EF model (names, value converters, type mappings), so a row written this way is stored exactly
/// as <c>SaveChanges</c> would store it — a test compares the two column by column on both providers.
/// </summary>
public interface IBulkInsert
{
    Task InsertAsync<T>(PublicCreditDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class;
}
