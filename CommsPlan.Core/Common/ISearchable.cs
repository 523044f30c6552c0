namespace CommsPlan.Core.Common;

/// <summary>
/// A record a list searches by text. Its <see cref="SearchKey"/> is the folded form (<see cref="TextFolding.Fold"/>)
/// of <see cref="SearchedTexts"/>, one line per text, kept by the write path on every insert and update, so a search
/// compares folded text with folded text in the database, on every engine, and the key is never stale.
/// </summary>
public interface ISearchable
{
    /// <summary>Written by the write path only; lists search it (see Data's TextSearch).</summary>
    string SearchKey { get; set; }

    /// <summary>The texts a search looks in (empty ones are skipped).</summary>
    IEnumerable<string?> SearchedTexts();
}
