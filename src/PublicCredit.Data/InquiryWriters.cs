using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PublicCredit.Inquiries;
using PublicCredit.Storage;

namespace PublicCredit.Data;

/// <summary>SQLite: one transaction, one prepared INSERT reused for every row of the batch.</summary>
internal sealed class SqliteInquiryWriter(DatabaseTarget target) : IInquiryBatchWriter
{
    public async Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO inquiries (id, at, subject_id, department, role, actor, purpose, note, endpoint, returned, batch_id) " +
            "VALUES ($id, $at, $subject, $department, $role, $actor, $purpose, $note, $endpoint, $returned, $batch)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var subject = command.Parameters.Add("$subject", SqliteType.Text);
        var department = command.Parameters.Add("$department", SqliteType.Text);
        var role = command.Parameters.Add("$role", SqliteType.Text);
        var actor = command.Parameters.Add("$actor", SqliteType.Text);
        var purpose = command.Parameters.Add("$purpose", SqliteType.Text);
        var note = command.Parameters.Add("$note", SqliteType.Text);
        var endpoint = command.Parameters.Add("$endpoint", SqliteType.Text);
        var returned = command.Parameters.Add("$returned", SqliteType.Text);
        command.Parameters.Add("$batch", SqliteType.Text).Value = Text(batch.Id);
        command.Prepare();
        foreach (var row in rows)
        {
            // Same text forms as EF Core uses for these columns on SQLite (GUID upper-case text, UTC instant text).
            id.Value = Text(row.Id);
            at.Value = UtcInstantTextConverter.Format(row.At);
            subject.Value = row.SubjectId;
            department.Value = (object?)row.Department ?? DBNull.Value;
            role.Value = (object?)row.Role ?? DBNull.Value;
            actor.Value = row.Actor;
            purpose.Value = row.Purpose;
            note.Value = (object?)row.Note ?? DBNull.Value;
            endpoint.Value = row.Endpoint;
            returned.Value = (object?)row.Returned ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var written = connection.CreateCommand())
        {
            written.Transaction = transaction;
            written.CommandText = "INSERT INTO inquiry_batches (id, written_at, count, digest) VALUES ($id, $at, $count, $digest)";
            written.Parameters.Add("$id", SqliteType.Text).Value = Text(batch.Id);
            written.Parameters.Add("$at", SqliteType.Text).Value = UtcInstantTextConverter.Format(batch.WrittenAt);
            written.Parameters.Add("$count", SqliteType.Integer).Value = batch.Count;
            written.Parameters.Add("$digest", SqliteType.Text).Value = batch.Digest;
            await written.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}

/// <summary>PostgreSQL: one binary COPY per batch — thousands of inquiries per commit.</summary>
internal sealed class PostgresInquiryWriter(NpgsqlDataSource dataSource) : IInquiryBatchWriter
{
    /// <summary>Four COPYs may commit at once: PostgreSQL flushes their WAL together (bench: check-http).</summary>
    public int Concurrency => 4;

    public async Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY inquiries (id, at, subject_id, department, role, actor, purpose, note, endpoint, returned, batch_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            await WriteRowsAsync(importer, batch.Id, rows, cancellationToken);
        }

        await using (var written = new NpgsqlCommand(
            "INSERT INTO inquiry_batches (id, written_at, count, digest) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            written.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batch.Id });
            written.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = batch.WrittenAt.ToUniversalTime() });
            written.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batch.Count });
            written.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batch.Digest });
            await written.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteRowsAsync(NpgsqlBinaryImporter importer, Guid batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.SubjectId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Department, cancellationToken);
            await WriteNullableAsync(importer, row.Role, cancellationToken);
            await importer.WriteAsync(row.Actor, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Purpose, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Note, cancellationToken);
            await importer.WriteAsync(row.Endpoint, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Returned, cancellationToken);
            await importer.WriteAsync(batch, NpgsqlDbType.Uuid, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }
}
