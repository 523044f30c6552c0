using System.Globalization;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using L = CommsPlan.Core.Activities.ActivityInputValidator.Labels;

namespace CommsPlan.Core.Api;

/// <summary>
/// The activities resource of the API: turns what a client sends (codes, as the Excel import reads them) into the
/// form's <see cref="ActivityInput"/> and hands it to <see cref="ActivityService"/>, the one path every save takes (the
/// same validator, agency scope, period locks, audit and live notification as a page save). Invalid input throws
/// <see cref="ValidationException"/> keyed by the JSON field's name ("channel", "objectives"), with the form's messages.
/// </summary>
public sealed class ActivityApiService(IDbContextFactory<CommsPlanDbContext> factory, ActivityService activities, TimeProvider time)
{
    /// <summary>A page past any real list, low enough that page × pageSize stays a whole number the database takes.</summary>
    private const int MaxPage = 1_000_000;

    /// <summary>The JSON field a property of <see cref="ActivityInput"/> comes from, where the names differ.</summary>
    private static readonly Dictionary<string, string> FieldOf = new()
    {
        [nameof(ActivityInput.AgencyId)] = "agency",
        [nameof(ActivityInput.ChannelId)] = "channel",
        [nameof(ActivityInput.ObjectiveIds)] = "objectives",
        [nameof(ActivityInput.ThemeIds)] = "themes",
        [nameof(ActivityInput.DistrictId)] = "district",
    };

    /// <summary>The JSON field of a validator's property name.</summary>
    public static string FieldName(string property) =>
        FieldOf.TryGetValue(property, out var field) ? field : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <exception cref="NotFoundException">No such activity, or the caller may not see it.</exception>
    public async Task<ActivityApiModel> GetAsync(CurrentUser user, int id, CancellationToken ct = default) =>
        await ToModelAsync(await activities.GetAsync(user, id, ct), ct);

    /// <summary>The id of the activity the caller's agency recorded under <paramref name="externalId"/>.</summary>
    /// <param name="agencyCode">The agency, for a caller that reads every agency (a province token); an agency's token needs none.</param>
    /// <exception cref="ValidationException">A province token named no agency, or an unknown one.</exception>
    /// <exception cref="NotFoundException">No such activity, or the caller may not see it.</exception>
    public async Task<int> FindIdByExternalIdAsync(CurrentUser user, string externalId, string? agencyCode, CancellationToken ct = default)
    {
        int? agencyId = null;
        if (!string.IsNullOrWhiteSpace(agencyCode))
        {
            var codes = new ActivityCodes(await activities.GetCatalogueAsync(ct));
            agencyId = codes.Agency(agencyCode)?.Id
                ?? throw Invalid("agency", $"{L.Agency} «{agencyCode.Trim()}» không có trong danh mục.");
        }
        else if (!user.IsOfficer)
        {
            throw Invalid("agency", $"Hãy cho biết {L.Agency.ToLowerInvariant()} có hoạt động này: thêm tham số agency=<mã đơn vị>, ví dụ agency=BAOTN.");
        }
        return await activities.FindByExternalIdAsync(user, agencyId, externalId, ct);
    }

    /// <summary>Records an activity of the caller's agency, in the plan whose period holds its date (or the one it names).</summary>
    /// <exception cref="ValidationException">Unknown codes or a rule of the form broken; nothing is saved.</exception>
    /// <exception cref="AccessDeniedException">The caller does not write activities.</exception>
    /// <exception cref="BusinessRuleException">Its date lies in a period whose report is in.</exception>
    /// <exception cref="ExternalIdTakenException">The agency already recorded an activity under that external id.</exception>
    public async Task<ActivityApiModel> CreateAsync(CurrentUser user, ActivityApiInput body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var input = await ToInputAsync(user, body, ct);
        var saved = await WithFieldNames(() => activities.CreateAsync(user, input, ct));
        return await ToModelAsync(saved, ct);
    }

    /// <summary>
    /// Replaces the form's fields of activity <paramref name="id"/> if it is still at <paramref name="version"/>. An
    /// external id left out keeps the current one.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Someone changed it since <paramref name="version"/>; nothing is overwritten.</exception>
    public async Task<ActivityApiModel> UpdateAsync(CurrentUser user, int id, ActivityApiInput body, long version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var current = await activities.GetAsync(user, id, ct);
        var input = await ToInputAsync(user, body, ct);
        input.ExternalId = body.ExternalId ?? current.ExternalId;
        input.Version = version;
        var saved = await WithFieldNames(() => activities.UpdateAsync(user, id, input, ct));
        return await ToModelAsync(saved, ct);
    }

    /// <summary>Updates the activity the caller's agency recorded under <paramref name="externalId"/> (see <see cref="UpdateAsync"/>).</summary>
    public async Task<ActivityApiModel> UpdateByExternalIdAsync(CurrentUser user, string externalId, ActivityApiInput body, long version,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var id = await FindIdByExternalIdAsync(user, externalId, null, ct);
        if (body.ExternalId is { } sent && sent.Trim() != externalId.Trim())
            throw Invalid("externalId", $"{L.ExternalId} «{sent.Trim()}» khác với mã trong đường dẫn «{externalId.Trim()}»; hãy bỏ trường này hoặc gửi cùng một mã.");
        return await UpdateAsync(user, id, body with { ExternalId = externalId.Trim() }, version, ct);
    }

    /// <summary>Deletes activity <paramref name="id"/> if it is still at <paramref name="version"/>.</summary>
    public Task DeleteAsync(CurrentUser user, int id, long version, CancellationToken ct = default) =>
        activities.DeleteAsync(user, id, version, ct);

    /// <summary>
    /// The list page's filters by code, in the caller's scope (an agency's token sees its agency), a page of them and the
    /// count of all. Without <c>plan</c>, the current plan's activities, as the list page shows them. Unlike a link, which
    /// drops what it cannot read, a filter the API cannot read is refused: a system must not take the wrong list for its own.
    /// </summary>
    /// <exception cref="ValidationException">A filter names no catalogue item, or a date, page or sort cannot be read.</exception>
    /// <exception cref="AccessDeniedException">An agency's token asked for another agency.</exception>
    public async Task<ActivityApiPage> ListAsync(CurrentUser user, ActivityApiQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        var errors = new List<ValidationFailure>();
        int? year = null;
        if (!string.IsNullOrWhiteSpace(q.Plan))
        {
            if (int.TryParse(q.Plan, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) year = y;
            else throw Invalid("plan", $"Năm kế hoạch «{q.Plan}» không hợp lệ (ví dụ plan=2021).");
        }
        var catalogue = await CatalogueAsync(year, ct);
        var codes = new ActivityCodes(catalogue);
        var planYear = catalogue.PlanYear;

        int? agencyId = null;
        if (!string.IsNullOrWhiteSpace(q.Agency))
        {
            agencyId = codes.Agency(q.Agency)?.Id;
            if (agencyId is null) errors.Add(new("agency", $"{L.Agency} «{q.Agency.Trim()}» không có trong danh mục."));
            else if (!user.CanRead(agencyId.Value))
                throw new AccessDeniedException("Mã truy cập của đơn vị chỉ xem được hoạt động của chính đơn vị đó.");
        }
        int? groupId = null;
        if (!string.IsNullOrWhiteSpace(q.Group))
        {
            var folded = TextFolding.Fold(q.Group);
            groupId = catalogue.FormGroups.FirstOrDefault(g => TextFolding.Fold(g.Code) == folded || TextFolding.Fold(g.DisplayCode) == folded)?.Id;
            if (groupId is null) errors.Add(new("group", $"Nhóm hình thức «{q.Group.Trim()}» không có trong kế hoạch năm {planYear}."));
        }
        var channelId = Code(q.Channel, codes.Channel, "channel", v => $"{L.Channel} «{v}» không có trong kế hoạch năm {planYear}.", errors)?.Id;
        var objectiveId = Code(q.Objective, codes.Objective, "objective", v => $"{L.Objectives} «{v}» không có trong kế hoạch năm {planYear}.", errors)?.Id;
        var themeId = Code(q.Theme, codes.Theme, "theme", v => $"{L.Themes} «{v}» không có trong kế hoạch năm {planYear}.", errors)?.Id;
        var from = Day(q.From, "from", "Từ ngày", errors);
        var to = Day(q.To, "to", "Đến ngày", errors);
        if (from is { } f && to is { } t && f > t) errors.Add(new("to", "Đến ngày không được trước Từ ngày."));
        var (sort, descending) = (ActivitySort.StartDate, true);
        if (!string.IsNullOrWhiteSpace(q.Sort))
        {
            if (ActivityListLink.TryParseSort(q.Sort.Trim()) is { } parsed) (sort, descending) = parsed;
            else errors.Add(new("sort", $"Không sắp xếp được theo «{q.Sort.Trim()}» (dùng {string.Join(", ", ActivityListLink.SortKeyNames)}; thêm dấu - ở đầu để sắp xếp giảm dần)."));
        }
        var page = Whole(q.Page, "page", 1, 1, MaxPage, $"Trang (page) phải là số nguyên từ 1 đến {MaxPage.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))}.", errors);
        var pageSize = Whole(q.PageSize, "pageSize", ActivityListLink.DefaultPageSize, 1, ActivityQuery.MaxPageSize,
            $"Số dòng mỗi trang (pageSize) phải là số nguyên từ 1 đến {ActivityQuery.MaxPageSize}.", errors);
        if (errors.Count > 0) throw new ValidationException(errors);

        var text = q.Q?.Trim();
        var result = await activities.ListAsync(user, new ActivityQuery
        {
            PlanYear = planYear,
            AgencyId = agencyId,
            FormGroupId = groupId,
            ChannelId = channelId,
            ObjectiveId = objectiveId,
            ThemeId = themeId,
            From = from,
            To = to,
            Text = string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, ActivityLimits.DescriptionMaxLength)],
            SortBy = sort,
            Descending = descending,
            Page = page - 1,
            PageSize = pageSize,
        }, ct);
        return new ActivityApiPage
        {
            Plan = planYear,
            Page = page,
            PageSize = pageSize,
            TotalCount = result.TotalCount,
            Items = [.. result.Rows.Select(r => new ActivityApiListItem
            {
                Id = r.Id,
                ExternalId = r.ExternalId,
                Agency = catalogue.FindAgency(r.AgencyId)?.Code ?? "",
                AgencyName = r.AgencyName,
                Channel = r.ChannelCode,
                ChannelName = r.ChannelName,
                Unit = r.Unit,
                Title = r.Title,
                StartDate = r.StartDate,
                EndDate = r.EndDate,
                Quantity = r.Quantity,
                SecondMeasure = r.SecondMeasure,
                SecondMeasureUnit = r.SecondMeasureUnit,
                Objectives = r.Objectives,
                Themes = r.Themes,
                DistrictName = r.DistrictName,
                Cost = r.Cost,
                UpdatedBy = r.UpdatedBy,
                UpdatedAt = DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc),
            })],
        };
    }

    /// <summary>
    /// The form's input for <paramref name="body"/>: codes read in the catalogue of the plan it names, else of the plan
    /// whose period holds its date, as the import reads a sheet. An unknown code is named, beside what the form's
    /// validator says of the other fields; a field whose code was unknown gets only that message.
    /// </summary>
    private async Task<ActivityInput> ToInputAsync(CurrentUser user, ActivityApiInput body, CancellationToken ct)
    {
        var validator = await ValidatorForAsync(body.Plan, body.StartDate, ct);
        var catalogue = validator.Context.Catalogue;
        var codes = new ActivityCodes(catalogue);
        var year = catalogue.PlanYear;
        var errors = new Dictionary<string, string>();
        var input = new ActivityInput
        {
            AgencyId = user.AgencyId,
            ChannelId = Lookup(body.Channel, codes.Channel, nameof(ActivityInput.ChannelId), errors,
                v => $"{L.Channel} «{v}» không có trong kế hoạch năm {year}.")?.Id,
            Title = body.Title,
            Description = body.Description,
            StartDate = body.StartDate,
            EndDate = body.EndDate,
            Quantity = body.Quantity,
            SecondMeasure = body.SecondMeasure,
            ObjectiveIds = Codes(body.Objectives, codes.Objective, catalogue.Objectives, L.Objectives, year, nameof(ActivityInput.ObjectiveIds), errors),
            ThemeIds = Codes(body.Themes, codes.Theme, catalogue.Themes, L.Themes, year, nameof(ActivityInput.ThemeIds), errors),
            DistrictId = Lookup(body.District, codes.District, nameof(ActivityInput.DistrictId), errors,
                v => $"{L.District} «{v}» không có trong danh mục.")?.Id,
            EvidenceUrl = body.EvidenceUrl,
            Cost = body.Cost,
            FundingSource = body.FundingSource,
            Notes = body.Notes,
            ExternalId = body.ExternalId,
        };
        if (errors.Count == 0) return input;
        var others = (await validator.ValidateAsync(input, ct)).Errors.Where(e => !errors.ContainsKey(e.PropertyName));
        throw new ValidationException(errors.Select(e => new ValidationFailure(FieldName(e.Key), e.Value))
            .Concat(others.Select(e => new ValidationFailure(FieldName(e.PropertyName), e.ErrorMessage))));
    }

    /// <summary>The form's validator in the plan <paramref name="planYear"/> names, else the one whose period holds <paramref name="day"/>.</summary>
    private async Task<ActivityInputValidator> ValidatorForAsync(int? planYear, DateOnly? day, CancellationToken ct)
    {
        var year = planYear;
        if (year is null && day is { } d)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            year = (await PlanChoice.ContainingAsync(db, d, time.Today(), ct)).Year;
        }
        try
        {
            return await activities.CreateValidatorAsync(year, ct);
        }
        catch (BusinessRuleException ex) when (planYear is not null)
        {
            throw Invalid("plan", ex.Message);
        }
    }

    private async Task<ActivityCatalogue> CatalogueAsync(int? year, CancellationToken ct)
    {
        try
        {
            return await activities.GetCatalogueAsync(year, ct);
        }
        catch (BusinessRuleException ex) when (year is not null)
        {
            throw Invalid("plan", ex.Message);
        }
    }

    /// <summary>The service's validation failures under the JSON field names the client sent.</summary>
    private static async Task<T> WithFieldNames<T>(Func<Task<T>> save)
    {
        try
        {
            return await save();
        }
        catch (ValidationException ex)
        {
            throw new ValidationException(ex.Errors.Select(e => new ValidationFailure(FieldName(e.PropertyName), e.ErrorMessage)));
        }
    }

    private async Task<ActivityApiModel> ToModelAsync(ActivityDetails d, CancellationToken ct)
    {
        var catalogue = await activities.GetCatalogueAsync(d.PlanYear, ct);
        var channel = catalogue.FindChannel(d.ChannelId);
        return new ActivityApiModel
        {
            Id = d.Id,
            Version = d.Version,
            ExternalId = d.ExternalId,
            Plan = d.PlanYear,
            Agency = catalogue.FindAgency(d.AgencyId)?.Code ?? "",
            AgencyName = d.AgencyName,
            Channel = channel?.Code ?? "",
            ChannelName = channel?.Name ?? "",
            Title = d.Title,
            Description = d.Description,
            StartDate = d.StartDate,
            EndDate = d.EndDate,
            Quantity = d.Quantity,
            SecondMeasure = d.SecondMeasure,
            Objectives = [.. d.ObjectiveIds.Select(id => catalogue.Objectives.FirstOrDefault(o => o.Id == id)?.DisplayCode).OfType<string>()],
            Themes = [.. d.ThemeIds.Select(id => catalogue.Themes.FirstOrDefault(t => t.Id == id)?.DisplayCode).OfType<string>()],
            District = catalogue.Districts.FirstOrDefault(x => x.Id == d.DistrictId)?.Code,
            EvidenceUrl = d.EvidenceUrl,
            Cost = d.Cost,
            FundingSource = d.FundingSource,
            Notes = d.Notes,
            CreatedBy = d.CreatedBy,
            CreatedAt = DateTime.SpecifyKind(d.CreatedAt, DateTimeKind.Utc),
            UpdatedBy = d.UpdatedBy,
            UpdatedAt = DateTime.SpecifyKind(d.UpdatedAt, DateTimeKind.Utc),
            LockReason = d.LockReason,
        };
    }

    private static T? Lookup<T>(string? text, Func<string, T?> find, string property, Dictionary<string, string> errors,
        Func<string, string> unknown) where T : class
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (find(text) is { } found) return found;
        errors[property] = unknown(text.Trim());
        return null;
    }

    private static List<int> Codes(IReadOnlyList<string>? texts, Func<string, CatalogueOption?> find, IReadOnlyList<CatalogueOption> all,
        string label, int year, string property, Dictionary<string, string> errors)
    {
        var ids = new List<int>();
        var unknown = new List<string>();
        foreach (var text in texts ?? [])
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (find(text) is { } option) { if (!ids.Contains(option.Id)) ids.Add(option.Id); }
            else unknown.Add(text.Trim());
        }
        if (unknown.Count > 0)
            errors[property] = $"{label}: không có mã {string.Join(", ", unknown.Select(u => $"«{u}»"))} trong kế hoạch năm {year} "
                + $"(dùng {string.Join(", ", all.Select(o => o.DisplayCode))}).";
        return ids;
    }

    private static T? Code<T>(string? text, Func<string, T?> find, string field, Func<string, string> unknown, List<ValidationFailure> errors)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (find(text) is { } found) return found;
        errors.Add(new(field, unknown(text.Trim())));
        return null;
    }

    private static DateOnly? Day(string? text, string field, string label, List<ValidationFailure> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(new(field, $"{label} «{text.Trim()}» không phải là ngày (ghi theo dạng yyyy-MM-dd, ví dụ 2021-10-18)."));
        return null;
    }

    private static int Whole(string? text, string field, int fallback, int min, int max, string message, List<ValidationFailure> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors.Add(new(field, message));
        return fallback;
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
