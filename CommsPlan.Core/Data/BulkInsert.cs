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
        _command.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            // The column's own mapping makes the parameter: its converter, DbType and provider specifics, as EF's own INSERT.
            _command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(_command, _parameterNames[i], valueOf(column), column.IsNullable));
        }
        if (_generatedKey is null)
        {
            await _command.ExecuteNonQueryAsync(ct);
            return null;
        }
        var key = await _command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException("The insert returned no key.");
        return Convert.ChangeType(key, _generatedKey.ClrType, CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
