using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PublicCredit.Inquiries;
using PublicCredit.Storage;

namespace PublicCredit.Data;

/// <summary>SQLite: one transaction, one prepared INSERT reused for every row of the batch.</summary>
internal sealed class SqliteInquiryWriter(DatabaseTarget target) : IInquiryBatchWriter
{
    public async Task WriteAsync(IReadOnlyList<InquiryRow> batch, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO inquiries (id, at, subject_id, department, role, actor, purpose, endpoint, returned) " +
            "VALUES ($id, $at, $subject, $department, $role, $actor, $purpose, $endpoint, $returned)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var subject = command.Parameters.Add("$subject", SqliteType.Text);
        var department = command.Parameters.Add("$department", SqliteType.Text);
        var role = command.Parameters.Add("$role", SqliteType.Text);
        var actor = command.Parameters.Add("$actor", SqliteType.Text);
        var purpose = command.Parameters.Add("$purpose", SqliteType.Text);
        var endpoint = command.Parameters.Add("$endpoint", SqliteType.Text);
        var returned = command.Parameters.Add("$returned", SqliteType.Text);
        command.Prepare();
        foreach (var row in batch)
        {
            // Same text forms as EF Core uses for these columns on SQLite (GUID upper-case text, UTC instant text).
            id.Value = row.Id.ToString().ToUpperInvariant();
            at.Value = UtcInstantTextConverter.Format(row.At);
            subject.Value = row.SubjectId;
            department.Value = (object?)row.Department ?? DBNull.Value;
            role.Value = (object?)row.Role ?? DBNull.Value;
            actor.Value = row.Actor;
            purpose.Value = row.Purpose;
            endpoint.Value = row.Endpoint;
            returned.Value = (object?)row.Returned ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>PostgreSQL: one binary COPY per batch — thousands of inquiries per commit.</summary>
internal sealed class PostgresInquiryWriter(NpgsqlDataSource dataSource) : IInquiryBatchWriter
{
    /// <summary>Four COPYs may commit at once: PostgreSQL flushes their WAL together (bench: check-http).</summary>
    public int Concurrency => 4;

    public async Task WriteAsync(IReadOnlyList<InquiryRow> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY inquiries (id, at, subject_id, department, role, actor, purpose, endpoint, returned) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in batch)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.SubjectId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Department, cancellationToken);
            await WriteNullableAsync(importer, row.Role, cancellationToken);
            await importer.WriteAsync(row.Actor, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Purpose, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(row.Endpoint, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, row.Returned, cancellationToken);
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
