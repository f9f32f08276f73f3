namespace PublicCredit.Storage;

/// <summary>
/// Inserts new rows of one entity type inside the context's current transaction without change tracking: binary
/// <c>COPY</c> on PostgreSQL, one prepared <c>INSERT</c> reused for every row on SQLite (ADR 0011). Columns and stored
/// values come from the EF model (names, value converters, type mappings), so a row written this way is stored exactly
/// as <c>SaveChanges</c> would store it — a test compares the two column by column on both providers.
/// </summary>
public interface IBulkInsert
{
    /// <summary>
    /// Called once at the start of each write transaction of the bulk path, before the chunk's lookups (existing
    /// document numbers, known subjects). PostgreSQL makes those lookups probe their indexes whatever the table
    /// statistics say (ADR 0017); SQLite needs nothing.
    /// </summary>
    Task BeginChunkAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default);

    Task InsertAsync<T>(PublicCreditDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class;
}
