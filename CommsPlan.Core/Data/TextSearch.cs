using System.Linq.Expressions;
using CommsPlan.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data;

/// <summary>
/// The one text-search rule of every list (activities, commendations, difficulties, the audit log, accounts,
/// agencies): what a person types, folded (<see cref="TextFolding.Fold"/>: no diacritics, đ as d, lower case, single
/// spaces), is looked for inside a record's search key, the same fold of its texts kept by the write path
/// (<see cref="ISearchable"/>). "tap huan" finds "Tập huấn", "dai tu" finds "Đại Từ", "ĐẠI TỪ" finds "dai tu". Both sides
/// are folded in .NET, so the database only compares folded text with <c>LIKE</c>, the same statement on SQLite and
/// PostgreSQL, and never returns rows to be filtered in memory.
/// </summary>
public static class TextSearch
{
    /// <summary>Separates the texts of a key: folded text never holds it, so a search never matches across two texts.</summary>
    public const char Separator = '\n';

    /// <summary>The search key of <paramref name="texts"/>: each folded, empty ones left out, one per line.</summary>
    public static string KeyOf(IEnumerable<string?> texts) =>
        string.Join(Separator, texts.Select(TextFolding.Fold).Where(t => t.Length > 0));

    /// <summary>The key of a searchable record, as the write path stores it.</summary>
    public static string KeyOf(ISearchable record) => KeyOf(record.SearchedTexts());

    /// <summary>
    /// Rows whose <paramref name="key"/> contains the folded <paramref name="typed"/> text; every row when nothing but
    /// spaces and marks was typed. The typed text is matched literally (its <c>%</c>, <c>_</c> and <c>\</c> escaped)
    /// and sent as a parameter, so every search shares one query plan.
    /// </summary>
    public static IQueryable<T> WhereMatches<T>(this IQueryable<T> query, Expression<Func<T, string>> key, string? typed)
    {
        var folded = TextFolding.Fold(typed);
        if (folded.Length == 0) return query;
        var holder = new PatternHolder("%" + folded.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
        var like = Expression.Call(Like, Expression.Constant(EF.Functions), key.Body,
            Expression.Field(Expression.Constant(holder), nameof(PatternHolder.Pattern)), Expression.Constant(@"\"));
        return query.Where(Expression.Lambda<Func<T, bool>>(like, key.Parameters));
    }

    private static readonly System.Reflection.MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary>A closure member, not a constant: EF sends it as a parameter.</summary>
    private sealed class PatternHolder(string pattern)
    {
        public readonly string Pattern = pattern;
    }
}
