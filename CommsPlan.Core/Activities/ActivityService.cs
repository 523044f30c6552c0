using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

using CommsPlan.Core.Audit;
namespace CommsPlan.Core.Activities;

/// <summary>
/// Recording and finding activities. Everyone signed in with a role reads (an officer only their own agency, and
/// another agency's record answers as missing); an agency's own officer writes its activities, and the Office's monitor
/// enters them on behalf of an agency that reports on paper (<see cref="CurrentUser.CanEnterFor"/>, <see cref="CurrentUser.CanChange"/>).
/// </summary>
public sealed class ActivityService(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IDataChangeNotifier notifier, IActivityLock locks)
{
    /// <summary>The change kind published after activities are saved, deleted or imported.</summary>
    public const string ChangeKind = "Activity";

    /// <summary>The list's total is counted directly up to this, summed from the figures above it (see <see cref="ActivityListTotal"/>); tests lower it.</summary>
    internal int ExactCountLimit { get; init; } = ActivityListTotal.ExactCountLimit;

    internal const string OfficersOnlyMessage =
        "Chỉ cán bộ của đơn vị, hoặc Văn phòng UBND tỉnh nhập thay đơn vị, mới ghi nhận, sửa hoặc xóa hoạt động.";

    internal const string AgencyEnteredMessage =
        "Hoạt động này do đơn vị tự nhập: Văn phòng UBND tỉnh chỉ xem, chỉ sửa, xóa được hoạt động do Văn phòng nhập thay.";

    /// <summary>Pickers' data: the current plan's period, agencies, channels, objectives, themes, districts.</summary>
    public Task<ActivityCatalogue> GetCatalogueAsync(CancellationToken ct = default) => GetCatalogueAsync(null, ct);

    /// <summary>Pickers' data of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    /// <exception cref="BusinessRuleException">No issued plan of that year.</exception>
    public async Task<ActivityCatalogue> GetCatalogueAsync(int? planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ActivityCatalogue.LoadAsync(db, time.Today(), planYear, ct);
    }

    /// <summary>The validator a form uses, built on today's catalogue and date: the same rules the service applies.</summary>
    public Task<ActivityInputValidator> CreateValidatorAsync(CancellationToken ct = default) => CreateValidatorAsync(null, ct);

    /// <summary>The validator of a form in the plan of <paramref name="planYear"/>: dates inside its period, its channels and tags only.</summary>
    public async Task<ActivityInputValidator> CreateValidatorAsync(int? planYear, CancellationToken ct = default) =>
        new(new ActivityValidationContext(await GetCatalogueAsync(planYear, ct), time.Today()));

    public async Task<ActivityListPage> ListAsync(CurrentUser user, ActivityQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateOpenAsync(ct);
        var agencyId = AgencyScope(user, query.AgencyId);
        var activities = Scoped(db, agencyId, query);
        var total = await ActivityListTotal.CountAsync(db, activities, agencyId, query, ExactCountLimit, ct);
        var pageSize = Math.Clamp(query.PageSize, 1, ActivityQuery.MaxPageSize);
        var page = await Sort(activities, query.SortBy, query.Descending)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(a => new
            {
                a.Id,
                a.AgencyId,
                AgencyName = a.Agency!.Name,
                ChannelCode = a.Channel!.Code,
                ChannelName = a.Channel.Name,
                a.Channel.Unit,
                FormGroupCode = a.Channel.FormGroup!.Code,
                a.Title,
                a.StartDate,
                a.EndDate,
                a.Quantity,
                a.SecondMeasure,
                a.Channel.SecondMeasureUnit,
                DistrictName = a.District == null ? null : a.District.Name,
                a.Cost,
                a.UpdatedBy,
                a.UpdatedAt,
                a.ExternalId,
            })
            .ToListAsync(ct);
        // The page's tags in one query, for the page's ids only: nested in the page query, SQLite materialised every
        // activity's tags of the whole table before joining them to the 25 rows (plans in docs/performance.md).
        var tags = await TagsAsync(db, [.. page.Select(r => r.Id)], ct);
        var rows = page.Select(a => new ActivityListRow(
                a.Id,
                a.AgencyId,
                a.AgencyName,
                a.ChannelCode,
                a.ChannelName,
                a.Unit,
                a.FormGroupCode,
                a.Title,
                a.StartDate,
                a.EndDate,
                a.Quantity,
                a.SecondMeasure,
                a.SecondMeasureUnit,
                tags.Objectives(a.Id),
                tags.Themes(a.Id),
                a.DistrictName,
                a.Cost,
                a.UpdatedBy,
                a.UpdatedAt) { ExternalId = a.ExternalId })
            .ToList();
        return new ActivityListPage(rows, total);
    }

    /// <summary>
    /// Totals of the whole filtered list (not the page), in ONE grouped query the database answers: the activities and
    /// cost, and the quantity and second measure per channel, which the caller adds up by unit (a news item and a
    /// broadcast do not add up).
    /// </summary>
    public async Task<ActivityTotals> TotalsAsync(CurrentUser user, ActivityQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(ct);
        var agencyId = AgencyScope(user, query.AgencyId);
        var channels = await Scoped(db, agencyId, query)
            .GroupBy(a => new { a.Channel!.Unit, a.Channel.SecondMeasureLabel, a.Channel.SecondMeasureUnit, a.Channel.SortOrder, a.ChannelId })
            .Select(g => new
            {
                g.Key.Unit,
                g.Key.SecondMeasureLabel,
                g.Key.SecondMeasureUnit,
                g.Key.SortOrder,
                Activities = g.Count(),
                Quantity = g.Sum(a => (long)a.Quantity),
                SecondMeasure = g.Sum(a => a.SecondMeasure ?? 0),
                Cost = g.Sum(a => a.Cost ?? 0),
            })
            .ToListAsync(ct);
        var ordered = channels.OrderBy(c => c.SortOrder).ToList();
        return new ActivityTotals(
            ordered.Sum(c => c.Activities),
            ordered.Sum(c => c.Cost),
            [.. ordered.GroupBy(c => c.Unit).Select(g => new MeasureTotal(g.Key, g.Key, g.Sum(c => c.Quantity)))],
            [.. ordered.Where(c => c.SecondMeasureLabel is not null)
                .GroupBy(c => (Label: c.SecondMeasureLabel!, Unit: c.SecondMeasureUnit ?? ""))
                .Select(g => new MeasureTotal(g.Key.Label, g.Key.Unit, g.Sum(c => c.SecondMeasure)))]);
    }

    /// <summary>Rows handed over with their tags at a time by <see cref="StreamAsync"/>: one tag query per batch.</summary>
    internal const int StreamBatchSize = 500;

    /// <summary>
    /// Every activity of the filtered list in the list's order, read forward as the caller enumerates, for the export:
    /// the rows come from one streamed query and their objectives and themes from one query per
    /// <see cref="StreamBatchSize"/> rows, so memory holds a batch, not the list. The tags are read through a second
    /// context because PostgreSQL cannot run a query on a connection whose reader is still open.
    /// </summary>
    public async IAsyncEnumerable<ActivityRow> StreamAsync(CurrentUser user, ActivityQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var agencyId = AgencyScope(user, query.AgencyId);
        await using var db = await factory.CreateOpenAsync(ct);
        await using var tagsDb = await factory.CreateOpenAsync(ct);
        var rows = Sort(Scoped(db, agencyId, query), query.SortBy, query.Descending)
            .Select(a => new StreamedActivity(
                a.Id,
                a.StartDate,
                a.EndDate,
                a.Agency!.Code,
                a.Agency.Name,
                a.Channel!.FormGroup!.Code,
                a.Channel.Code,
                a.Channel.Name,
                a.Channel.Unit,
                a.Title,
                a.Quantity,
                a.SecondMeasure,
                a.Channel.SecondMeasureUnit,
                a.District == null ? null : a.District.Name,
                a.Cost,
                a.EvidenceUrl))
            .AsAsyncEnumerable();
        var batch = new List<StreamedActivity>(StreamBatchSize);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < StreamBatchSize) continue;
            foreach (var done in await WithTagsAsync(tagsDb, batch, ct)) yield return done;
            batch.Clear();
        }
        foreach (var done in await WithTagsAsync(tagsDb, batch, ct)) yield return done;
    }

    private static async Task<List<ActivityRow>> WithTagsAsync(CommsPlanDbContext db, List<StreamedActivity> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return [];
        List<int> ids = [.. batch.Select(r => r.Id)];
        var tags = await TagsAsync(db, ids, ct);
        var files = await db.EvidenceCountsAsync(ids, ct);
        return [.. batch.Select(a => new ActivityRow(a.Id, a.StartDate, a.EndDate, a.AgencyCode, a.AgencyName, a.FormGroupCode, a.ChannelCode,
            a.ChannelName, a.Unit, a.Title, a.Quantity, a.SecondMeasure, a.SecondMeasureUnit,
            string.Join(", ", tags.Objectives(a.Id)), string.Join(", ", tags.Themes(a.Id)), a.DistrictName, a.Cost, a.EvidenceUrl,
            files.GetValueOrDefault(a.Id)))];
    }

    private sealed record StreamedActivity(int Id, DateOnly StartDate, DateOnly? EndDate, string AgencyCode, string AgencyName,
        string FormGroupCode, string ChannelCode, string ChannelName, string Unit, string Title, int Quantity, long? SecondMeasure,
        string? SecondMeasureUnit, string? DistrictName, long? Cost, string? EvidenceUrl);

    /// <summary>
    /// The objectives and themes of the given activities in one query, for those ids only: nested in the page query,
    /// SQLite materialised every activity's tags of the whole table before joining them to the 25 rows (plans in
    /// docs/performance.md).
    /// </summary>
    private static async Task<PageTags> TagsAsync(CommsPlanDbContext db, List<int> ids, CancellationToken ct)
    {
        var activities = db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id));
        // Anonymous rows: a set operation needs a projection the database makes, not a constructor call.
        var tags = await activities
            .SelectMany(a => a.Objectives, (a, o) => new { ActivityId = a.Id, IsTheme = false, o.SortOrder, o.DisplayCode })
            .Concat(activities.SelectMany(a => a.Themes, (a, t) => new { ActivityId = a.Id, IsTheme = true, t.SortOrder, t.DisplayCode }))
            .ToListAsync(ct);
        return new PageTags(tags.Select(t => new PageTag(t.ActivityId, t.IsTheme, t.SortOrder, t.DisplayCode)).ToLookup(t => (t.ActivityId, t.IsTheme)));
    }

    private sealed record PageTag(int ActivityId, bool IsTheme, int SortOrder, string DisplayCode);

    private sealed record PageTags(ILookup<(int, bool), PageTag> ByActivity)
    {
        public List<string> Objectives(int id) => [.. ByActivity[(id, false)].OrderBy(o => o.SortOrder).Select(o => o.DisplayCode)];
        public List<string> Themes(int id) => [.. ByActivity[(id, true)].OrderBy(t => t.SortOrder).Select(t => t.DisplayCode)];
    }

    /// <exception cref="NotFoundException">No such activity, or the caller may not see it.</exception>
    public async Task<ActivityDetails> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var details = await db.Activities.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new ActivityDetails
            {
                Id = a.Id,
                AgencyId = a.AgencyId,
                AgencyName = a.Agency!.Name,
                ChannelId = a.ChannelId,
                PlanYear = db.Plans.Where(p => p.Id == a.Channel!.FormGroup!.PlanId).Select(p => p.Year).First(),
                Title = a.Title,
                Description = a.Description,
                StartDate = a.StartDate,
                EndDate = a.EndDate,
                Quantity = a.Quantity,
                SecondMeasure = a.SecondMeasure,
                ObjectiveIds = a.Objectives.OrderBy(o => o.SortOrder).Select(o => o.Id).ToList(),
                ThemeIds = a.Themes.OrderBy(t => t.SortOrder).Select(t => t.Id).ToList(),
                DistrictId = a.DistrictId,
                EvidenceUrl = a.EvidenceUrl,
                Cost = a.Cost,
                FundingSource = a.FundingSource,
                Notes = a.Notes,
                ExternalId = a.ExternalId,
                CreatedBy = a.CreatedBy,
                CreatedAt = a.CreatedAt,
                UpdatedBy = a.UpdatedBy,
                UpdatedAt = a.UpdatedAt,
                Version = a.Version,
                CanEdit = false,
                EnteredOnBehalfBy = a.EnteredOnBehalfBy,
                EnteredOnBehalfByName = db.Users.Where(u => u.UserName == a.EnteredOnBehalfBy).Select(u => u.FullName).FirstOrDefault(),
            })
            // One activity's few objectives and themes: one round trip beats a split query here.
            .AsSingleQuery()
            .SingleOrDefaultAsync(ct);
        if (details is null || !user.CanRead(details.AgencyId)) throw new NotFoundException();
        var lockReason = await locks.ReasonAsync(db, details.AgencyId, details.StartDate, ct);
        var people = await IssuingBodies.FullNamesAsync(db, [details.CreatedBy, details.UpdatedBy], ct);
        return details with
        {
            LockReason = lockReason,
            CanEdit = user.CanChange(details.AgencyId, details.EnteredOnBehalfBy) && lockReason is null,
            CreatedByName = people.GetValueOrDefault(details.CreatedBy, details.CreatedBy),
            UpdatedByName = people.GetValueOrDefault(details.UpdatedBy, details.UpdatedBy),
        };
    }

    /// <summary>
    /// Records a new activity: an officer's of its own agency, or a monitor's on behalf of the agency the input names
    /// (the write path marks it so).
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller may not enter activities for the input's agency.</exception>
    /// <exception cref="ValidationException">The input breaks a rule; nothing is saved.</exception>
    /// <exception cref="BusinessRuleException">Its date lies in a period whose report is in (submitted or accepted).</exception>
    public async Task<ActivityDetails> CreateAsync(CurrentUser user, ActivityInput input, CancellationToken ct = default)
    {
        var requested = EnterableAgency(user, input.AgencyId);
        int id;
        int agencyId;
        await using (var db = await factory.CreateForAsync(user, time, ct))
        {
            var toSave = await ValidatedAsync(db, input, requested, ct);
            agencyId = toSave.AgencyId!.Value;
            // The Office is held to an agency's submitted quarter as the agency is.
            await locks.EnsureOpenAsync(db, agencyId, [toSave.StartDate!.Value], ct);
            await EnsureExternalIdFreeAsync(db, agencyId, toSave.ExternalId, null, ct);
            var entity = new Activity { Title = "" };
            await ApplyAsync(db, entity, toSave, ct);
            db.Activities.Add(entity);
            await SaveExternalIdGuardedAsync(db, agencyId, toSave.ExternalId, () => db.SaveChangesAsync(ct), ct);
            id = entity.Id;
        }
        notifier.NotifyChanged(new DataChange(ChangeKind, agencyId));
        return await GetAsync(user, id, ct);
    }

    /// <summary>
    /// The agency's recorded activities <paramref name="input"/> likely repeats (<see cref="ActivityDuplicates"/>), for
    /// the form to ask before saving; <paramref name="editedId"/> is the record being edited, which never matches itself.
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller may not enter activities for the input's agency.</exception>
    public async Task<IReadOnlyList<ActivityMatch>> FindDuplicatesAsync(CurrentUser user, ActivityInput input, int? editedId,
        CancellationToken ct = default)
    {
        if (EnterableAgency(user, input.AgencyId) is not { } agencyId) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ActivityDuplicates.MatchesAsync(db, agencyId, input, editedId, ct);
    }

    /// <summary>Saves an edit made from <see cref="ActivityInput.Version"/>.</summary>
    /// <exception cref="NotFoundException">No such activity, or the caller may not see it; nothing changes.</exception>
    /// <exception cref="AccessDeniedException">The caller sees it but may not change it (<see cref="CurrentUser.CanChange"/>).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone saved or deleted it after the editor loaded it; nothing is overwritten.</exception>
    /// <exception cref="ValidationException">The input breaks a rule; nothing is saved.</exception>
    /// <exception cref="BusinessRuleException">Its current or new date lies in a period whose report is in.</exception>
    public async Task<ActivityDetails> UpdateAsync(CurrentUser user, int id, ActivityInput input, CancellationToken ct = default)
    {
        int agencyId;
        int previousAgencyId;
        await using (var db = await factory.CreateForAsync(user, time, ct))
        {
            var entity = await db.Activities.Include(a => a.Objectives).Include(a => a.Themes)
                .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
            if (entity is null || !user.CanRead(entity.AgencyId)) throw new NotFoundException();
            EnsureChangeable(user, entity);
            // An officer's stays its own; the Office may correct the agency it picked for a record it entered.
            var requested = EnterableAgency(user, input.AgencyId);
            if (entity.Version != input.Version) throw await AuditLog.ConflictAsync(db, entity.UpdatedBy, entity.UpdatedAt, ct);

            var toSave = await ValidatedAsync(db, input, requested, ct);
            agencyId = toSave.AgencyId!.Value;
            previousAgencyId = entity.AgencyId;
            // Neither changed inside a locked period nor moved into or out of one (nor out of an agency's locked one).
            await locks.EnsureOpenAsync(db, entity.AgencyId, [entity.StartDate], ct);
            await locks.EnsureOpenAsync(db, agencyId, [toSave.StartDate!.Value], ct);
            await EnsureExternalIdFreeAsync(db, agencyId, toSave.ExternalId, id, ct);
            await ApplyAsync(db, entity, toSave, ct);
            // A change of objectives or themes alone touches only the join tables: mark the row itself modified so
            // its version moves and a concurrent editor is stopped.
            db.Entry(entity).Property(a => a.UpdatedAt).IsModified = true;
            await SaveExternalIdGuardedAsync(db, agencyId, toSave.ExternalId, () => SaveGuardedAsync(db, id, ct), ct);
        }
        notifier.NotifyChanged(new DataChange(ChangeKind, agencyId));
        // The Office moved a record it entered to the agency it meant: the first agency's pages change too.
        if (previousAgencyId != agencyId) notifier.NotifyChanged(new DataChange(ChangeKind, previousAgencyId));
        return await GetAsync(user, id, ct);
    }

    /// <summary>Deletes the activity if it is still at <paramref name="version"/>.</summary>
    /// <exception cref="NotFoundException">No such activity, or the caller may not see it.</exception>
    /// <exception cref="AccessDeniedException">The caller sees it but may not change it (<see cref="CurrentUser.CanChange"/>).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone changed it after the caller loaded it.</exception>
    /// <exception cref="BusinessRuleException">It lies in a period whose report is in.</exception>
    public async Task DeleteAsync(CurrentUser user, int id, long version, CancellationToken ct = default)
    {
        int agencyId;
        await using (var db = await factory.CreateForAsync(user, time, ct))
        {
            var entity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (entity is null || !user.CanRead(entity.AgencyId)) throw new NotFoundException();
            EnsureChangeable(user, entity);
            if (entity.Version != version) throw await AuditLog.ConflictAsync(db, entity.UpdatedBy, entity.UpdatedAt, ct);
            agencyId = entity.AgencyId;
            await locks.EnsureOpenAsync(db, agencyId, [entity.StartDate], ct);
            db.Activities.Remove(entity);
            await SaveGuardedAsync(db, id, ct);
        }
        notifier.NotifyChanged(new DataChange(ChangeKind, agencyId));
    }

    /// <summary>
    /// The id of the activity the caller's agency recorded under <paramref name="externalId"/> in its own system: an
    /// officer's (an API token's) own agency; a reader of every agency names the agency.
    /// </summary>
    /// <exception cref="NotFoundException">No such activity, or the caller may not see that agency's.</exception>
    public async Task<int> FindByExternalIdAsync(CurrentUser user, int? agencyId, string externalId, CancellationToken ct = default)
    {
        var agency = user.IsOfficer ? user.AgencyId!.Value : agencyId ?? throw new NotFoundException();
        if (!user.CanRead(agency) || (user.IsOfficer && agencyId is { } asked && asked != agency)) throw new NotFoundException();
        var wanted = externalId.Trim();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Activities.AsNoTracking().Where(a => a.AgencyId == agency && a.ExternalId == wanted)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
    }

    /// <summary>Refuses an external id the agency already gave another of its activities.</summary>
    private static async Task EnsureExternalIdFreeAsync(CommsPlanDbContext db, int agencyId, string? externalId, int? editedId,
        CancellationToken ct)
    {
        if (Clean(externalId) is not { } wanted) return;
        var existing = await db.Activities.AsNoTracking()
            .Where(a => a.AgencyId == agencyId && a.ExternalId == wanted && a.Id != editedId)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) throw new ExternalIdTakenException(wanted, id);
    }

    /// <summary>
    /// Saves; two callers racing to record the same external id both pass the check above, and the unique index
    /// (AgencyId, ExternalId) refuses the second: that becomes the same refusal, naming the winner.
    /// </summary>
    private static async Task SaveExternalIdGuardedAsync(CommsPlanDbContext db, int agencyId, string? externalId, Func<Task> save,
        CancellationToken ct)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex) when (Clean(externalId) is not null && DatabaseFailures.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            await EnsureExternalIdFreeAsync(db, agencyId, externalId, null, ct);
            throw;
        }
    }

    /// <summary>Refuses an edit or delete the caller may not make (<see cref="CurrentUser.CanChange"/>).</summary>
    private static void EnsureChangeable(CurrentUser user, Activity entity)
    {
        if (user.CanChange(entity.AgencyId, entity.EnteredOnBehalfBy)) return;
        throw new AccessDeniedException(user.IsMonitor ? AgencyEnteredMessage : OfficersOnlyMessage);
    }

    /// <summary>
    /// The agency a form's activity is entered for: an officer's own (any other is refused); the agency a monitor chose
    /// (null when it chose none, which the validator names); anyone else is refused.
    /// </summary>
    internal static int? EnterableAgency(CurrentUser user, int? requestedAgencyId)
    {
        if (user.IsOfficer) return WritableAgency(user, requestedAgencyId);
        if (!user.IsMonitor) throw new AccessDeniedException(OfficersOnlyMessage);
        return requestedAgencyId;
    }

    /// <summary>The agency an officer writes to (the import's rule): their own; any other agency in the input is refused.</summary>
    internal static int WritableAgency(CurrentUser user, int? requestedAgencyId)
    {
        if (!user.IsOfficer) throw new AccessDeniedException(OfficersOnlyMessage);
        var own = user.AgencyId!.Value;
        if (requestedAgencyId is { } requested && requested != own) throw new AccessDeniedException(OfficersOnlyMessage);
        return own;
    }

    /// <summary>
    /// Copies an input (already validated) onto an entity. Objectives and themes come from <paramref name="objectives"/>
    /// and <paramref name="themes"/>, tracked by the same context, so an import of thousands of rows shares them.
    /// </summary>
    internal static void Apply(Activity entity, ActivityInput input, IReadOnlyDictionary<int, Objective> objectives,
        IReadOnlyDictionary<int, ContentTheme> themes)
    {
        entity.AgencyId = input.AgencyId!.Value;
        entity.ChannelId = input.ChannelId!.Value;
        entity.Title = input.Title!.Trim();
        entity.Description = Clean(input.Description);
        entity.StartDate = input.StartDate!.Value;
        entity.EndDate = input.EndDate;
        entity.Quantity = (int)input.Quantity!.Value;
        entity.SecondMeasure = input.SecondMeasure is { } m ? (long)m : null;
        entity.DistrictId = input.DistrictId;
        entity.EvidenceUrl = Clean(input.EvidenceUrl);
        entity.Cost = input.Cost is { } c ? (long)c : null;
        entity.FundingSource = Clean(input.FundingSource);
        entity.Notes = Clean(input.Notes);
        entity.ExternalId = Clean(input.ExternalId);
        Sync(entity.Objectives, input.ObjectiveIds, objectives);
        Sync(entity.Themes, input.ThemeIds, themes);
    }

    private async Task<ActivityInput> ValidatedAsync(CommsPlanDbContext db, ActivityInput input, int? agencyId, CancellationToken ct)
    {
        var toSave = input.Clone();
        toSave.AgencyId = agencyId;
        var validator = new ActivityInputValidator(new ActivityValidationContext(await CatalogueOfAsync(db, toSave.ChannelId, ct), time.Today()));
        await validator.ValidateAndThrowAsync(toSave, ct);
        return toSave;
    }

    /// <summary>
    /// The catalogue an input is checked against: that of the issued plan its channel belongs to, so its date must lie in
    /// that plan's period and its tags be that plan's; the current plan's when the channel is unknown or of a draft
    /// (the validator then refuses the channel).
    /// </summary>
    private async Task<ActivityCatalogue> CatalogueOfAsync(CommsPlanDbContext db, int? channelId, CancellationToken ct)
    {
        var planId = await db.Channels.AsNoTracking().Where(c => c.Id == channelId).Select(c => (int?)c.FormGroup!.PlanId).FirstOrDefaultAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId && p.IsIssued)
            .Select(p => new PlanChoice(p.Id, p.Year, p.Number, p.PeriodStart, p.PeriodEnd, p.IsIssued)).FirstOrDefaultAsync(ct);
        return plan is null ? await ActivityCatalogue.LoadAsync(db, time.Today(), ct) : await ActivityCatalogue.LoadAsync(db, plan, ct);
    }

    private static async Task ApplyAsync(CommsPlanDbContext db, Activity entity, ActivityInput input, CancellationToken ct)
    {
        var objectives = await db.Objectives.Where(o => input.ObjectiveIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var themes = await db.Themes.Where(t => input.ThemeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        Apply(entity, input, objectives, themes);
    }

    /// <summary>Saves, turning a lost race (the row's version moved or it was deleted) into a conflict naming who won.</summary>
    private static async Task SaveGuardedAsync(CommsPlanDbContext db, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Activities.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.UpdatedBy, a.UpdatedAt }).SingleOrDefaultAsync(ct);
            throw await AuditLog.ConflictAsync(db, current?.UpdatedBy, current?.UpdatedAt, ct);
        }
    }

    private static void Sync<T>(List<T> current, IReadOnlyCollection<int> wanted, IReadOnlyDictionary<int, T> byId) where T : PlanItem
    {
        current.RemoveAll(item => !wanted.Contains(item.Id));
        foreach (var id in wanted.Distinct())
        {
            if (current.All(item => item.Id != id)) current.Add(byId[id]);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The one agency whose activities the caller's list holds (the filter, or an officer's own); null for all.</summary>
    private static int? AgencyScope(CurrentUser user, int? agencyFilter)
    {
        if (user.CanReadAllAgencies) return agencyFilter;
        if (user.IsOfficer) return user.AgencyId!.Value;
        throw new AccessDeniedException();
    }

    /// <summary>The caller's activities matching <paramref name="query"/>'s filters, unsorted.</summary>
    private static IQueryable<Activity> Scoped(CommsPlanDbContext db, int? agencyId, ActivityQuery query)
    {
        var activities = agencyId is { } id ? db.Activities.AsNoTracking().Where(a => a.AgencyId == id) : db.Activities.AsNoTracking();
        if (query.PlanYear is { } year)
        {
            var planIds = db.Plans.Where(p => p.Year == year).Select(p => p.Id);
            activities = activities.Where(a => planIds.Contains(a.Channel!.FormGroup!.PlanId));
        }
        return Filter(activities, query);
    }

    private static IQueryable<Activity> Filter(IQueryable<Activity> q, ActivityQuery query)
    {
        if (query.FormGroupId is { } groupId) q = q.Where(a => a.Channel!.FormGroupId == groupId);
        if (query.ChannelId is { } channelId) q = q.Where(a => a.ChannelId == channelId);
        if (query.ObjectiveId is { } objectiveId) q = q.Where(a => a.Objectives.Any(o => o.Id == objectiveId));
        if (query.ThemeId is { } themeId) q = q.Where(a => a.Themes.Any(t => t.Id == themeId));
        if (query.From is { } from) q = q.Where(a => a.StartDate >= from);
        if (query.To is { } to) q = q.Where(a => a.StartDate <= to);
        // The title, description and notes, without diacritics or case (TextSearch).
        return q.WhereMatches(a => a.SearchKey, query.Text);
    }

    private static IQueryable<Activity> Sort(IQueryable<Activity> q, ActivitySort sort, bool descending) => (sort, descending) switch
    {
        (ActivitySort.Title, false) => q.OrderBy(a => a.Title).ThenBy(a => a.Id),
        (ActivitySort.Title, true) => q.OrderByDescending(a => a.Title).ThenByDescending(a => a.Id),
        (ActivitySort.Agency, false) => q.OrderBy(a => a.Agency!.SortOrder).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.Id),
        (ActivitySort.Agency, true) => q.OrderByDescending(a => a.Agency!.SortOrder).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.Id),
        (ActivitySort.Channel, false) => q.OrderBy(a => a.Channel!.SortOrder).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.Id),
        (ActivitySort.Channel, true) => q.OrderByDescending(a => a.Channel!.SortOrder).ThenByDescending(a => a.StartDate).ThenByDescending(a => a.Id),
        (ActivitySort.Quantity, false) => q.OrderBy(a => a.Quantity).ThenBy(a => a.Id),
        (ActivitySort.Quantity, true) => q.OrderByDescending(a => a.Quantity).ThenByDescending(a => a.Id),
        (ActivitySort.Cost, false) => q.OrderBy(a => a.Cost).ThenBy(a => a.Id),
        (ActivitySort.Cost, true) => q.OrderByDescending(a => a.Cost).ThenByDescending(a => a.Id),
        (ActivitySort.UpdatedAt, false) => q.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id),
        (ActivitySort.UpdatedAt, true) => q.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id),
        (_, false) => q.OrderBy(a => a.StartDate).ThenBy(a => a.Id),
        _ => q.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id),
    };
}
