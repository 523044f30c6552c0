using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;

namespace CommsPlan.Core.Activities;

/// <summary>A communication activity an agency carried out (Hoạt động), counted in its channel's unit.</summary>
public sealed class Activity : IVersioned, ITracked, Audit.IAudited, IEnteredOnBehalf, ISearchable
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public int ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>Quantity in the channel's unit (articles, broadcasts, banners, leaflets…).</summary>
    public int Quantity { get; set; }
    /// <summary>The channel's second measure (minutes, participants, copies) when it has one.</summary>
    public long? SecondMeasure { get; set; }
    public List<Objective> Objectives { get; set; } = [];
    public List<ContentTheme> Themes { get; set; } = [];
    public int? DistrictId { get; set; }
    public District? District { get; set; }
    public string? EvidenceUrl { get; set; }
    /// <summary>Cost in đồng (whole number).</summary>
    public long? Cost { get; set; }
    public string? FundingSource { get; set; }
    public string? Notes { get; set; }

    /// <summary>
    /// The activity's id in the agency's own system (a newspaper's CMS), set through the API: unique per agency, so
    /// that system can update what it created (PUT /api/v1/activities/by-external-id/{externalId}).
    /// </summary>
    public string? ExternalId { get; set; }

    /// <summary>The Office's monitor who entered it for the agency (<see cref="IEnteredOnBehalf"/>); null when the agency did.</summary>
    public string? EnteredOnBehalfBy { get; set; }

    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The folded search text, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [Title, Description, Notes];
}
