namespace CommsPlan.Core.Activities;

/// <summary>Filters, sort and page of the activity list; every part is applied by the database.</summary>
public sealed record ActivityQuery
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// The plan year whose activities are listed (those logged on its channels); null for every plan. The pages always
    /// name one: a Decree window of 2022 opens in December 2021, where a date alone would mix the two plans.
    /// </summary>
    public int? PlanYear { get; init; }
    /// <summary>Ignored for an officer, who always sees only their own agency.</summary>
    public int? AgencyId { get; init; }
    public int? FormGroupId { get; init; }
    public int? ChannelId { get; init; }
    public int? ObjectiveId { get; init; }
    public int? ThemeId { get; init; }
    /// <summary>Activities that started on or after this day.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Activities that started on or before this day.</summary>
    public DateOnly? To { get; init; }
    /// <summary>Words searched in the title, description and notes.</summary>
    public string? Text { get; init; }
    public ActivitySort SortBy { get; init; } = ActivitySort.StartDate;
    public bool Descending { get; init; } = true;
    /// <summary>Zero-based page index.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public enum ActivitySort
{
    StartDate,
    Title,
    Agency,
    Channel,
    Quantity,
    Cost,
    UpdatedAt,
}

/// <summary>One line of the activity list.</summary>
public sealed record ActivityListRow(
    int Id,
    int AgencyId,
    string AgencyName,
    string ChannelCode,
    string ChannelName,
    string Unit,
    string FormGroupCode,
    string Title,
    DateOnly StartDate,
    DateOnly? EndDate,
    int Quantity,
    long? SecondMeasure,
    string? SecondMeasureUnit,
    IReadOnlyList<string> Objectives,
    IReadOnlyList<string> Themes,
    string? DistrictName,
    long? Cost,
    string UpdatedBy,
    DateTime UpdatedAt)
{
    /// <summary>The activity's id in the agency's own system, when an API client set one.</summary>
    public string? ExternalId { get; init; }
}

/// <summary>A page of rows and how many match in all.</summary>
public sealed record ActivityListPage(IReadOnlyList<ActivityListRow> Rows, int TotalCount);

/// <summary>One activity as stored, with who created and changed it and whether the caller may edit it.</summary>
public sealed record ActivityDetails
{
    public required int Id { get; init; }
    public required int AgencyId { get; init; }
    public required string AgencyName { get; init; }
    public required int ChannelId { get; init; }
    /// <summary>The year of the plan its channel belongs to: the catalogue it is edited in.</summary>
    public int PlanYear { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required int Quantity { get; init; }
    public long? SecondMeasure { get; init; }
    public required IReadOnlyList<int> ObjectiveIds { get; init; }
    public required IReadOnlyList<int> ThemeIds { get; init; }
    public int? DistrictId { get; init; }
    public string? EvidenceUrl { get; init; }
    public long? Cost { get; init; }
    public string? FundingSource { get; init; }
    public string? Notes { get; init; }
    /// <summary>The activity's id in the agency's own system (set through the API), unique per agency.</summary>
    public string? ExternalId { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>Who created it, by full name (the login name when the account is gone): what the record's stamp shows.</summary>
    public string CreatedByName { get; init; } = "";
    /// <summary>Who last changed it, by full name.</summary>
    public string UpdatedByName { get; init; } = "";
    public required long Version { get; init; }
    public required bool CanEdit { get; init; }

    /// <summary>The Office's monitor who entered it for the agency (user name); null when the agency entered it.</summary>
    public string? EnteredOnBehalfBy { get; init; }

    /// <summary>That monitor's full name, when the account still exists.</summary>
    public string? EnteredOnBehalfByName { get; init; }

    /// <summary>"Văn phòng nhập thay · Nguyễn Văn A", or null when the agency entered it.</summary>
    public string? OnBehalfNote => EnteredOnBehalfBy is { } by ? Access.OnBehalf.Describe(by, EnteredOnBehalfByName) : null;

    /// <summary>Why it cannot change: the report on its period is in (see ReportingCycle.PeriodLock); null when open.</summary>
    public string? LockReason { get; init; }

    /// <summary>An editable copy carrying this version, for a form to start from.</summary>
    public ActivityInput ToInput() => new()
    {
        AgencyId = AgencyId,
        ChannelId = ChannelId,
        Title = Title,
        Description = Description,
        StartDate = StartDate,
        EndDate = EndDate,
        Quantity = Quantity,
        SecondMeasure = SecondMeasure,
        ObjectiveIds = [.. ObjectiveIds],
        ThemeIds = [.. ThemeIds],
        DistrictId = DistrictId,
        EvidenceUrl = EvidenceUrl,
        Cost = Cost,
        FundingSource = FundingSource,
        Notes = Notes,
        ExternalId = ExternalId,
        Version = Version,
    };
}

/// <summary>The totals of a filtered activity list, over every matching activity.</summary>
/// <param name="Quantities">The quantity summed per unit (Label is the unit), in catalogue order of the first channel of each unit.</param>
/// <param name="SecondMeasures">The second measure summed per measure (participants, minutes, copies…), where the channels have one.</param>
public sealed record ActivityTotals(int Activities, long Cost, IReadOnlyList<MeasureTotal> Quantities, IReadOnlyList<MeasureTotal> SecondMeasures);

/// <summary>One summed measure: "Số người tham dự" 1,250 "lượt người", or 48 "tin, bài".</summary>
public sealed record MeasureTotal(string Label, string Unit, long Value);
