namespace CommsPlan.Core.Activities.Import;

/// <summary>One data row of an uploaded sheet: what was read from it and, when bad, why (in Vietnamese).</summary>
public sealed record ActivityImportRow(int RowNumber, ActivityInput Input, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Why the row may repeat an activity already recorded or an earlier row (<see cref="ActivityDuplicates"/>); null when not.</summary>
    public PossibleDuplicate? Duplicate { get; init; }
}

/// <summary>
/// What an upload would import: either one reason the whole file is refused (<see cref="FileError"/>), or its rows,
/// each good or with reasons. Nothing is saved until <see cref="ActivityImporter.CommitAsync"/>.
/// </summary>
public sealed class ActivityImportPreview
{
    private ActivityImportPreview(int agencyId, string? fileError, IReadOnlyList<ActivityImportRow> rows)
    {
        AgencyId = agencyId;
        FileError = fileError;
        Rows = rows;
        GoodCount = rows.Count(r => r.IsValid);
        BadRows = rows.Where(r => !r.IsValid).ToList();
        PossibleDuplicates = rows.Where(r => r.IsValid && r.Duplicate is not null).ToList();
    }

    /// <summary>The agency the rows would be recorded under: the importing officer's.</summary>
    public int AgencyId { get; }

    /// <summary>The plan year the rows were checked against (its channels, tags and period); the commit checks them against it again.</summary>
    public int? PlanYear { get; internal set; }
    public string? FileError { get; }
    public IReadOnlyList<ActivityImportRow> Rows { get; }
    public int GoodCount { get; }
    public IReadOnlyList<ActivityImportRow> BadRows { get; }

    /// <summary>Good rows marked «Có thể trùng»: left out of the import unless the officer keeps them.</summary>
    public IReadOnlyList<ActivityImportRow> PossibleDuplicates { get; }

    /// <summary>How many activities a commit would record, with or without the possible duplicates.</summary>
    public int ImportCount(bool keepDuplicates) => keepDuplicates ? GoodCount : GoodCount - PossibleDuplicates.Count;

    /// <summary>Importable only when the file was read, has rows, and every row is good: all or nothing.</summary>
    public bool CanImport => FileError is null && Rows.Count > 0 && BadRows.Count == 0;

    internal static ActivityImportPreview Refused(int agencyId, string reason) => new(agencyId, reason, []);

    internal static ActivityImportPreview Read(int agencyId, IReadOnlyList<ActivityImportRow> rows) => new(agencyId, null, rows);
}
