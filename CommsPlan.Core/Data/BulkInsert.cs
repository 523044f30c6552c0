using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Data;

/// <summary>
/// Inserts new rows of one mapped type, one INSERT per row through one command, on the context's connection and inside
/// its current transaction, without the change tracker: for thousands of rows its per-entity bookkeeping (snapshots,
/// identity map, fix-up, sorting the commands) cost far more than the inserts (measured on a 10,000-row import).
/// Provider-neutral: the table, columns, parameter names and values come from the EF model, the provider's SQL helper
/// and its type mappings (value conversions included); a generated key comes back through RETURNING, which SQLite and
/// PostgreSQL both have. Nothing is stamped or audited here: the caller does both.
/// </summary>
internal sealed class BulkInsert : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly IProperty[] _columns;
    private readonly string[] _parameterNames;
    private readonly IProperty? _generatedKey;

    private BulkInsert(DbCommand command, IProperty[] columns, string[] parameterNames, IProperty? generatedKey)
    {
        _command = command;
        _columns = columns;
        _parameterNames = parameterNames;
        _generatedKey = generatedKey;
    }

    /// <exception cref="InvalidOperationException">The context has no transaction: a bulk insert is all or nothing.</exception>
    public static BulkInsert For(DbContext db, IEntityType type)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the context's transaction.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = type.FindPrimaryKey()!.Properties;
        var generatedKey = key.Count == 1 && key[0].ValueGenerated == ValueGenerated.OnAdd ? key[0] : null;
        var columns = type.GetProperties().Where(p => p != generatedKey && p.GetColumnName(table) is not null).ToArray();
        var parameterNames = columns.Select((_, i) => sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{i}"))).ToArray();

        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", parameterNames)})" +
            (generatedKey is null ? "" : $" RETURNING {sql.DelimitIdentifier(generatedKey.GetColumnName(table)!)}");
        return new BulkInsert(command, columns, parameterNames, generatedKey);
    }

    /// <summary>Inserts one row whose column values <paramref name="valueOf"/> gives; returns its generated key, if it has one.</summary>
    public async Task<object?> InsertAsync(Func<IProperty, object?> valueOf, CancellationToken ct)
    {
        SetParameters(valueOf);
        if (_generatedKey is null)
        {
            await _command.ExecuteNonQueryAsync(ct);
            return null;
        }
        return Key(await _command.ExecuteScalarAsync(ct));
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> and returns their generated keys in the same order (nulls when the table has
    /// none). Where the provider batches commands (PostgreSQL) they go to the server in one round trip: row by row, a
    /// server a network hop away spends most of an import waiting. SQLite runs in-process and has no batches: there
    /// the rows go one by one, which costs nothing extra.
    /// </summary>
    public async Task<IReadOnlyList<object?>> InsertManyAsync(IReadOnlyList<Func<IProperty, object?>> rows, CancellationToken ct)
    {
        var keys = new List<object?>(rows.Count);
        var connection = _command.Connection!;
        if (!connection.CanCreateBatch)
        {
            foreach (var row in rows) keys.Add(await InsertAsync(row, ct));
            return keys;
        }
        if (rows.Count == 0) return keys;
        await using var batch = connection.CreateBatch();
        batch.Transaction = _command.Transaction;
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _command.CommandText;
            // The parameters are made by the column mappings on the prepared command, then moved to the batch's.
            SetParameters(row);
            var parameters = _command.Parameters.Cast<DbParameter>().ToArray();
            _command.Parameters.Clear();
            command.Parameters.AddRange(parameters);
            batch.BatchCommands.Add(command);
        }
        if (_generatedKey is null)
        {
            await batch.ExecuteNonQueryAsync(ct);
            keys.AddRange(new object?[rows.Count]);
            return keys;
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The insert returned no key.");
            keys.Add(Key(reader.GetValue(0)));
        }
        while (await reader.NextResultAsync(ct));
        if (keys.Count != rows.Count) throw new InvalidOperationException($"{rows.Count} rows inserted but {keys.Count} keys returned.");
        return keys;
    }

    private void SetParameters(Func<IProperty, object?> valueOf)
    {
        _command.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            // The column's own mapping makes the parameter: its converter, DbType and provider specifics, as EF's own INSERT.
            _command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(_command, _parameterNames[i], valueOf(column), column.IsNullable));
        }
    }

    private object Key(object? value) =>
        Convert.ChangeType(value ?? throw new InvalidOperationException("The insert returned no key."), _generatedKey!.ClrType, CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
