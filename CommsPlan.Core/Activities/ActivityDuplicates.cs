using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Activities;

/// <summary>An activity already recorded that a new one may repeat.</summary>
public sealed record ActivityMatch(int Id, string Title, DateOnly StartDate);

/// <summary>
/// Why an imported row may repeat something: an activity already recorded (<see cref="Existing"/>), or an earlier row
/// of the same file (<see cref="SameAsRow"/>).
/// </summary>
public sealed record PossibleDuplicate(ActivityMatch? Existing, int? SameAsRow)
{
    public string Message => Existing is { } existing
        ? $"Có thể trùng với hoạt động «{existing.Title}» ngày {existing.StartDate:dd/MM/yyyy} đã có."
        : $"Có thể trùng với dòng {SameAsRow} của tệp.";
}

/// <summary>
/// The one rule of a likely double entry, used by the form and the import alike: an activity of the same agency, in
/// the same channel, on the same start date, whose title reads the same after <see cref="TextFolding.Fold"/> ("Tập
/// huấn" and "TAP HUAN"). It is a warning, not a refusal: two real conferences may share a day and a name, so the
/// officer may save one anyway. The lookup reads the (agency, channel, start date) prefix of the figures index.
/// </summary>
public static class ActivityDuplicates
{
    /// <summary>The key two activities of one agency share when they are likely the same; null while a part is missing.</summary>
    public static string? Key(int? channelId, DateOnly? startDate, string? title)
    {
        var folded = TextFolding.Fold(title);
        return channelId is { } channel && startDate is { } date && folded.Length > 0
            ? $"{channel}|{date.DayNumber}|{folded}"
            : null;
    }

    /// <summary>The agency's recorded activities that <paramref name="input"/> may repeat, the record being edited excepted.</summary>
    public static async Task<IReadOnlyList<ActivityMatch>> MatchesAsync(CommsPlanDbContext db, int agencyId, ActivityInput input,
        int? editedId, CancellationToken ct)
    {
        var key = Key(input.ChannelId, input.StartDate, input.Title);
        if (key is null) return [];
        var existing = await ExistingAsync(db, agencyId, [input.StartDate!.Value], ct);
        return existing.TryGetValue(key, out var matches) ? [.. matches.Where(m => m.Id != editedId)] : [];
    }

    /// <summary>
    /// For each of <paramref name="rows"/> (in file order), why it may be a double entry, or null: a match among the
    /// agency's recorded activities first, else an earlier row of the same list with the same key.
    /// </summary>
    public static async Task<IReadOnlyList<PossibleDuplicate?>> FlagAsync(CommsPlanDbContext db, int agencyId,
        IReadOnlyList<(int RowNumber, ActivityInput Input)> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => Key(r.Input.ChannelId, r.Input.StartDate, r.Input.Title)).ToList();
        var dates = rows.Where((_, i) => keys[i] is not null).Select(r => r.Input.StartDate!.Value).Distinct().ToList();
        var existing = dates.Count == 0 ? [] : await ExistingAsync(db, agencyId, dates, ct);
        var firstRow = new Dictionary<string, int>();
        var flags = new PossibleDuplicate?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (keys[i] is not { } key) continue;
            if (existing.TryGetValue(key, out var matches)) flags[i] = new PossibleDuplicate(matches[0], null);
            else if (!firstRow.TryAdd(key, rows[i].RowNumber)) flags[i] = new PossibleDuplicate(null, firstRow[key]);
        }
        return flags;
    }

    /// <summary>The agency's activities on <paramref name="dates"/>, by key, oldest first.</summary>
    private static async Task<Dictionary<string, List<ActivityMatch>>> ExistingAsync(CommsPlanDbContext db, int agencyId,
        IReadOnlyCollection<DateOnly> dates, CancellationToken ct)
    {
        var found = new List<(int ChannelId, ActivityMatch Match)>();
        // Dates in chunks: a parameter list stays small on both engines, whatever the file's spread of dates.
        foreach (var chunk in dates.Chunk(200))
        {
            var rows = await db.Activities.AsNoTracking()
                .Where(a => a.AgencyId == agencyId && chunk.Contains(a.StartDate))
                .OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.ChannelId, a.StartDate, a.Title })
                .ToListAsync(ct);
            found.AddRange(rows.Select(r => (r.ChannelId, new ActivityMatch(r.Id, r.Title, r.StartDate))));
        }
        var byKey = new Dictionary<string, List<ActivityMatch>>();
        foreach (var (channelId, match) in found.OrderBy(f => f.Match.Id))
        {
            var key = Key(channelId, match.StartDate, match.Title)!;
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(match);
        }
        return byKey;
    }
}
