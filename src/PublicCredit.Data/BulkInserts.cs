using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PublicCredit.Storage;

namespace PublicCredit.Data;

/// <summary>One stored column of an entity: its name, how to read the CLR value and turn it into the stored one.</summary>
internal sealed record BulkColumn(string Name, IProperty Property, RelationalTypeMapping Mapping)
{
    private readonly IClrPropertyGetter getter = Property.GetGetter();
    private readonly Func<object?, object?>? toStored = Mapping.Converter?.ConvertToProvider;

    /// <summary>The value as the provider stores it: the model's value converter applied, as SaveChanges does.</summary>
    public object? StoredValue(object entity)
    {
        var value = getter.GetClrValueUsingContainingEntity(entity);
        return toStored is null ? value : toStored(value);
    }

    public Type StoredType => Nullable.GetUnderlyingType(Mapping.Converter?.ProviderClrType ?? Mapping.ClrType)
        ?? Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;
}

/// <summary>The table and columns of an entity type, read from the EF model so a bulk write can never miss a column.</summary>
internal sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns)
{
    public static BulkTable Of<T>(PublicCreditDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new BulkColumn(p.GetColumnName(table)!, p, p.GetRelationalTypeMapping()))
            .ToList();
        return new BulkTable(table.Name, columns);
    }

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>SQLite: one prepared INSERT per table, kept and reused for every row of every chunk on the same connection.</summary>
internal sealed class SqliteBulkInsert : IBulkInsert
{
    private readonly Dictionary<Type, (BulkTable Table, SqliteCommand Command, DbParameter[] Parameters)> prepared = [];

    /// <summary>SQLite's planner already probes the unique index for an <c>IN (json_each(…))</c> list.</summary>
    public Task BeginChunkAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task InsertAsync<T>(PublicCreditDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("A bulk insert runs inside the transaction of its change.");
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (!prepared.TryGetValue(typeof(T), out var insert) || !ReferenceEquals(insert.Command.Connection, connection))
        {
            insert.Command?.Dispose();
            insert = Prepare(BulkTable.Of<T>(db), connection);
            prepared[typeof(T)] = insert;
        }

        insert.Command.Transaction = transaction;
        var columns = insert.Table.Columns;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
            {
                insert.Parameters[i].Value = columns[i].StoredValue(row) ?? DBNull.Value;
            }

            // Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway, at extra cost.
            insert.Command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    private static (BulkTable, SqliteCommand, DbParameter[]) Prepare(BulkTable table, SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        var names = table.Columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", names)})";

        // The type mapping configures each parameter as EF does for SaveChanges (text GUIDs, dates, decimals…).
        var parameters = table.Columns
            .Select((c, i) => c.Mapping.CreateParameter(command, names[i], null, c.Property.IsNullable))
            .ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        return (table, command, parameters);
    }
}

/// <summary>PostgreSQL: one binary COPY per call, inside the context's transaction.</summary>
internal sealed class PostgresBulkInsert : IBulkInsert
{
    private readonly Dictionary<Type, (BulkTable Table, Action<NpgsqlBinaryImporter, object>[] Writers)> tables = [];

    /// <summary>
    /// Only the columns the chunk's lookups filter on, with the default sample: enough for the planner to see how large
    /// the department's range is, at a fraction of the cost of a full <c>ANALYZE records, subjects</c> (2.0 → 0.3 s of
    /// a 1M-row import with the schedule below; ADR 0024 §2).
    /// </summary>
    private const string AnalyzeLookups =
        "ANALYZE records (department, document_number, superseded_at), subjects (subject_id)";

    private string? chunkSettings;

    private long chunks;

    /// <summary>
    /// No sequential scans in this transaction (ADR 0017). A chunk looks up its 5000 document numbers and subject ids
    /// with <c>= ANY(@list)</c>; the planner costs 5000 index probes as random reads and, while the table is below a
    /// few hundred thousand rows or its statistics lag behind the import (autovacuum analyses it now and then), scans
    /// the whole growing table instead — per chunk, so an import of a million rows into a fresh table became quadratic
    /// (40 % of the import's time at 200k rows; 111 ms per chunk at 100k rows against 20 ms through the index).
    /// <c>SET LOCAL</c> ends with the transaction; a statement with no usable index still runs, as a scan.
    /// And LZ4 instead of pglz for values PostgreSQL compresses in this transaction, where the server has it: the
    /// chunk's ledger payload (5000 ids and content hashes, ~550 kB) took 7 % of the server's CPU in pglz. Stored
    /// values read back the same; only how the server compresses them differs.
    /// </summary>
    public async Task BeginChunkAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk write chunk runs inside a transaction.");
        }

        if (chunkSettings is null)
        {
            var lz4 = await db.Database
                .SqlQueryRaw<bool>("SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) AS \"Value\"")
                .SingleAsync(cancellationToken);
            chunkSettings = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off" + (lz4 ? "; SET LOCAL default_toast_compression = 'lz4'" : "");
        }

        await db.Database.ExecuteSqlRawAsync(chunkSettings, cancellationToken);

        // Statistics that keep up with the import (ADR 0023 §2): without them — a fresh table, or autovacuum behind a
        // fast import — the planner matched the lookup on `department` alone in the (department, document_number)
        // index and filtered 415,000 rows per chunk at 420k rows (EXPLAIN ANALYZE), quadratic again. ANALYZE samples a
        // fixed number of rows, so at chunks 1, 4, 16, 64, … it costs one statement per quadrupling of the run.
        if (System.Numerics.BitOperations.IsPow2(++chunks) && System.Numerics.BitOperations.TrailingZeroCount(chunks) % 2 == 0)
        {
            await db.Database.ExecuteSqlRawAsync(AnalyzeLookups, cancellationToken);
        }
    }

    public async Task InsertAsync<T>(PublicCreditDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk insert runs inside the transaction of its change.");
        }

        if (!tables.TryGetValue(typeof(T), out var table))
        {
            var described = BulkTable.Of<T>(db);
            table = (described, [.. described.Columns.Select(c => ColumnWriter(c, typeof(T)))]);
            tables[typeof(T)] = table;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var writers = table.Writers;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Table.Name}\" ({table.Table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            copy.StartRow();
            foreach (var write in writers)
            {
                write(copy, row);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one column of an entity. A property without a value converter is read through its typed getter and
    /// written as its own type — no boxing of the row's Guid, dates, numbers and flags, a dozen objects per row of a
    /// million (ADR 0024 §8); a converted one (the enums stored as text) goes through the model's converter, as
    /// SaveChanges does.
    /// </summary>
    private static Action<NpgsqlBinaryImporter, object> ColumnWriter(BulkColumn column, Type entity)
    {
        var property = column.Property.PropertyInfo;
        if (column.Mapping.Converter is null && property?.GetMethod is { } getter)
        {
            var type = DbTypeOf(column);
            var underlying = Nullable.GetUnderlyingType(property.PropertyType);
            var method = underlying is not null
                ? TypedNullable.MakeGenericMethod(entity, underlying)
                : Typed.MakeGenericMethod(entity, property.PropertyType);
            var get = getter.CreateDelegate(typeof(Func<,>).MakeGenericType(entity, property.PropertyType));
            return (Action<NpgsqlBinaryImporter, object>)method.Invoke(null, [get, type])!;
        }

        var write = Writer(column);
        return (copy, row) =>
        {
            if (column.StoredValue(row) is { } value)
            {
                write(copy, value);
            }
            else
            {
                copy.WriteNull();
            }
        };
    }

    private static readonly MethodInfo Typed = typeof(PostgresBulkInsert).GetMethod(nameof(WriteValue), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo TypedNullable = typeof(PostgresBulkInsert).GetMethod(nameof(WriteNullable), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// A value as its own type, or NULL for a null reference (for a value type the test is always true and costs
    /// nothing once the writer is compiled for it; no boxing either way).
    /// </summary>
    private static Action<NpgsqlBinaryImporter, object> WriteValue<TEntity, TValue>(Func<TEntity, TValue> get, NpgsqlDbType type) =>
        (copy, row) =>
        {
            if (get((TEntity)row) is { } value)
            {
                copy.Write(value, type);
            }
            else
            {
                copy.WriteNull();
            }
        };

    /// <summary>A nullable value type: its value as the underlying type, or NULL.</summary>
    private static Action<NpgsqlBinaryImporter, object> WriteNullable<TEntity, TValue>(Func<TEntity, TValue?> get, NpgsqlDbType type)
        where TValue : struct =>
        (copy, row) =>
        {
            if (get((TEntity)row) is { } value)
            {
                copy.Write(value, type);
            }
            else
            {
                copy.WriteNull();
            }
        };

    /// <summary>The binary COPY format has no type tags: each column's stored type is written as its PostgreSQL type.</summary>
    private static NpgsqlDbType DbTypeOf(BulkColumn column) => column.StoredType switch
    {
        var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(short) => NpgsqlDbType.Smallint,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
        var t when t == typeof(double) => NpgsqlDbType.Double,
        var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
        var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
        var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
        var t => throw new NotSupportedException($"Column {column.Name} stores {t.Name}, which the bulk insert does not write."),
    };

    /// <summary>
    /// A converted column's stored value (boxed, as the converter returns it) written as its PostgreSQL type: text as
    /// text (the enums), anything else by its runtime type.
    /// </summary>
    private static Action<NpgsqlBinaryImporter, object> Writer(BulkColumn column)
    {
        var type = DbTypeOf(column);
        return column.StoredType == typeof(string)
            ? (copy, value) => copy.Write((string)value, type)
            : (copy, value) => copy.Write(value, type);
    }
}
