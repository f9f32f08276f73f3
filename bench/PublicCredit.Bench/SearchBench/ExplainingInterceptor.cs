using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PublicCredit.Data;

namespace PublicCredit.Bench.SearchBench;

/// <summary>
/// <c>search --explain</c>: before each query the use case sends, the same text with the same parameters is run once
/// as <c>EXPLAIN (ANALYZE, BUFFERS)</c> on PostgreSQL or <c>EXPLAIN QUERY PLAN</c> on SQLite, and the plan is kept,
/// so a slow kind shows where its time goes (profile before cutting, docs/performance.md#public-search).
/// </summary>
internal sealed class ExplainingInterceptor(DatabaseProvider provider) : DbCommandInterceptor
{
    private readonly StringBuilder plans = new();

    public string Plans => plans.ToString();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.Value = parameter.Value;
            copy.DbType = parameter.DbType;
            explain.Parameters.Add(copy);
        }

        plans.AppendLine("-- " + command.CommandText.ReplaceLineEndings(" "));
        await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString());
            plans.AppendLine("   " + string.Join(" | ", columns));
        }

        return result;
    }
}
