using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Data;

/// <summary>
/// Inserts new rows of one mapped type on the context's connection and inside its current transaction, without the
/// change tracker: for thousands of rows its per-entity bookkeeping (snapshots, identity map, fix-up, sorting the
/// commands) cost far more than the inserts themselves. PostgreSQL gets a binary COPY per call,
/// SQLite one prepared INSERT per row (see <see cref="InsertAsync{T}"/>). Provider-neutral: the table, columns,
/// parameter names and values come from the EF model, the provider's SQL helper and its type mappings (value
/// conversions included). A generated key is left to the database, or, when the caller needs the new rows' keys,
/// written like any column: COPY returns nothing, so the caller reserves the keys first
/// (<see cref="DatabaseProviders.ReserveKeysAsync"/>) and sets them. Nothing is stamped or audited here: the caller does both.
/// </summary>
internal sealed class BulkInsert : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _insert;
    private readonly string[] _parameterNames;
    /// <summary>The table and its columns: <c>"Table" ("A", "B")</c>.</summary>
    private readonly string _target;
    private DbCommand? _command;

    private BulkInsert(DbTransaction transaction, string target, IProperty[] columns, string insert, ISqlGenerationHelper sql)
    {
        _target = target;
        _connection = transaction.Connection!;
        _transaction = transaction;
        _columns = columns;
        _mappings = [.. columns.Select(c => c.GetRelationalTypeMapping())];
        _parameterNames = [.. columns.Select((_, i) => sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{i}")))];
        _insert = insert + $"({string.Join(", ", _parameterNames)})";
    }

    /// <param name="withGeneratedKey">Write the generated key too (keys reserved by the caller); otherwise the database makes it.</param>
    /// <exception cref="InvalidOperationException">The context has no transaction: a bulk insert is all or nothing.</exception>
    public static BulkInsert For(DbContext db, IEntityType type, bool withGeneratedKey = false)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the context's transaction.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = type.FindPrimaryKey()!.Properties;
        var generatedKey = key.Count == 1 && key[0].ValueGenerated == ValueGenerated.OnAdd ? key[0] : null;
        var columns = type.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && (withGeneratedKey || p != generatedKey))
            .ToArray();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var target = $"{name} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))})";
        return new BulkInsert(transaction, target, columns, $"INSERT INTO {target} VALUES ", sql);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/>; <paramref name="valueOf"/> gives a row's value of a column (the generated key's
    /// too when written). On PostgreSQL one binary COPY (<see cref="DatabaseProviders.TryCopyAsync"/>); elsewhere (SQLite,
    /// in-process, no round trips) one prepared INSERT executed per row. Multi-row INSERTs are slower on SQLite, even
    /// at ten rows per statement: SQLite finds each bound parameter by a linear search of the statement's names, so
    /// binding grows with the square of their number (docs/performance.md, import).
    /// </summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, Func<T, IProperty, object?> valueOf, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (await DatabaseProviders.TryCopyAsync(_connection, _target, _columns, _mappings, rows, valueOf, ct)) return;
        if (_command is null)
        {
            _command = _connection.CreateCommand();
            _command.Transaction = _transaction;
            // The same text for every row: SQLite keeps the command's prepared statement while its text is unchanged.
            _command.CommandText = _insert;
        }
        foreach (var row in rows)
        {
            _command.Parameters.Clear();
            for (var i = 0; i < _columns.Length; i++)
            {
                // The column's own mapping makes the parameter: its converter, DbType and provider specifics, as EF's own INSERT.
                _command.Parameters.Add(_mappings[i].CreateParameter(_command, _parameterNames[i], valueOf(row, _columns[i]), _columns[i].IsNullable));
            }
            await _command.ExecuteNonQueryAsync(ct);
        }
    }

    public ValueTask DisposeAsync() => _command?.DisposeAsync() ?? ValueTask.CompletedTask;
}
