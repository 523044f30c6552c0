using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Data;

/// <summary>
/// Inserts new rows of one mapped type with multi-row statements (<c>INSERT … VALUES (…), (…), …</c>, one per call), on
/// the context's connection and inside its current transaction, without the change tracker: for thousands of rows its
/// per-entity bookkeeping (snapshots, identity map, fix-up, sorting the commands) cost far more than the inserts, and
/// one statement per row cost the engine a parse and an execution per row (measured on a 10,000-row import).
/// Provider-neutral: the table, columns, parameter names and values come from the EF model, the provider's SQL helper
/// and its type mappings (value conversions included). A generated key is left to the database, or, when the caller
/// needs the new rows' keys, written like any column: RETURNING gives no order for a multi-row insert, so the caller
/// reserves the keys first (<see cref="DatabaseProviders.ReserveKeysAsync"/>) and sets them. Nothing is stamped or
/// audited here: the caller does both.
/// </summary>
internal sealed class BulkInsert : IAsyncDisposable
{
    /// <summary>
    /// Parameters per multi-row INSERT. Not more: SQLite finds each parameter by a linear search of the statement's
    /// names, so binding grows with the square of their number (measured: 250 activities of 20 columns per statement
    /// made the commit five times slower than one row per statement).
    /// </summary>
    private const int ParametersPerStatement = 200;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _insert;
    private readonly ISqlGenerationHelper _sql;
    private readonly List<string> _parameterNames = [];
    /// <summary>The table and its columns: <c>"Table" ("A", "B")</c>.</summary>
    private readonly string _target;
    private DbCommand? _command;
    private int _commandRows;

    private BulkInsert(DbTransaction transaction, string target, IProperty[] columns, string insert, ISqlGenerationHelper sql)
    {
        _target = target;
        _connection = transaction.Connection!;
        _transaction = transaction;
        _columns = columns;
        _mappings = [.. columns.Select(c => c.GetRelationalTypeMapping())];
        _insert = insert;
        _sql = sql;
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
    /// too when written). On PostgreSQL one binary COPY (<see cref="DatabaseProviders.TryCopyAsync"/>); elsewhere
    /// multi-row INSERTs of up to <see cref="ParametersPerStatement"/> parameters each.
    /// </summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, Func<T, IProperty, object?> valueOf, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (await DatabaseProviders.TryCopyAsync(_connection, _target, _columns, _mappings, rows, valueOf, ct)) return;
        var perStatement = Math.Max(1, ParametersPerStatement / _columns.Length);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            // The same text for every full statement: SQLite keeps the command's prepared statement while its text is unchanged.
            if (_command is null || _commandRows != count)
            {
                if (_command is not null) await _command.DisposeAsync();
                _command = _connection.CreateCommand();
                _command.Transaction = _transaction;
                _command.CommandText = InsertText(count);
                _commandRows = count;
            }
            _command.Parameters.Clear();
            var n = 0;
            for (var r = start; r < start + count; r++)
            {
                for (var i = 0; i < _columns.Length; i++, n++)
                {
                    // The column's own mapping makes the parameter: its converter, DbType and provider specifics, as EF's own INSERT.
                    _command.Parameters.Add(_mappings[i].CreateParameter(_command, ParameterName(n), valueOf(rows[r], _columns[i]), _columns[i].IsNullable));
                }
            }
            await _command.ExecuteNonQueryAsync(ct);
        }
    }

    private string InsertText(int rows)
    {
        var text = new StringBuilder(_insert, _insert.Length + rows * _columns.Length * 8);
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var i = 0; i < _columns.Length; i++, n++)
            {
                if (i > 0) text.Append(", ");
                text.Append(ParameterName(n));
            }
            text.Append(')');
        }
        return text.ToString();
    }

    private string ParameterName(int n)
    {
        while (_parameterNames.Count <= n)
            _parameterNames.Add(_sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{_parameterNames.Count}")));
        return _parameterNames[n];
    }

    public ValueTask DisposeAsync() => _command?.DisposeAsync() ?? ValueTask.CompletedTask;
}
