using CommsPlan.Core.Common;

namespace CommsPlan.Core.ReportingCycle;

/// <summary>What kind of window a reporting period is.</summary>
public enum ReportingPeriodKind
{
    /// <summary>Decree 09/2019 art. 12 quarter: 15th of the month before the quarter – 14th of its last month.</summary>
    DecreeQuarter,
    /// <summary>Decree 09/2019 six-month report: 15/12 of the year before – 14/06.</summary>
    DecreeHalfYear,
    /// <summary>Decree 09/2019 nine-month report: 15/12 of the year before – 14/09.</summary>
    DecreeNineMonths,
    /// <summary>Decree 09/2019 annual report: 15/12 of the year before – 14/12.</summary>
    DecreeYear,
    CalendarQuarter,
    Month,
    Custom,
}

/// <summary>
/// A window of dates figures are reported for, with a stable key for URLs ("2021-Q1", "2021-H1", "2021-9M",
/// "2021-Y", "2021-CQ1", "2021-M03", "custom:2021-01-01:2021-03-31") and its Vietnamese name. Both ends are
/// inclusive. Build one with <see cref="ReportingPeriods"/>.
/// </summary>
public sealed record ReportingPeriod
{
    internal ReportingPeriod(string key, ReportingPeriodKind kind, int year, int? number, DateOnly from, DateOnly to, string title)
    {
        Key = key;
        Kind = kind;
        Year = year;
        Number = number;
        From = from;
        To = to;
        Title = title;
    }

    public string Key { get; }
    public ReportingPeriodKind Kind { get; }

    /// <summary>The year the period reports on (2021 for Quý I/2021, although it starts on 15/12/2020).</summary>
    public int Year { get; }

    /// <summary>The quarter (1–4) or month (1–12) within <see cref="Year"/>; null for the other kinds.</summary>
    public int? Number { get; }

    public DateOnly From { get; }
    public DateOnly To { get; }

    /// <summary>The name without dates: "Quý I/2021", "6 tháng đầu năm 2021", "Tháng 3/2021".</summary>
    public string Title { get; }

    /// <summary>The full name: "Quý I/2021 (15/12/2020 – 14/3/2021)"; months need no dates.</summary>
    public string Name => Kind switch
    {
        ReportingPeriodKind.Month => Title,
        ReportingPeriodKind.Custom => $"Từ ngày {From.ToOfficialString()} đến ngày {To.ToOfficialString()}",
        _ => $"{Title} ({OfficialDate.Range(From, To)})",
    };

    /// <summary>"từ ngày 15/12/2020 đến ngày 14/3/2021", for the sentences of a report.</summary>
    public string RangeText => $"từ ngày {From.ToOfficialString()} đến ngày {To.ToOfficialString()}";

    /// <summary>A window of Decree 09/2019 art. 12, the ones periodic reports close on.</summary>
    public bool IsDecreePeriod => Kind is ReportingPeriodKind.DecreeQuarter or ReportingPeriodKind.DecreeHalfYear
        or ReportingPeriodKind.DecreeNineMonths or ReportingPeriodKind.DecreeYear;

    /// <summary>The last day whose data the period's report includes (the decree's cut-off day for its windows).</summary>
    public DateOnly CutOff => To;

    public int DayCount => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The day a report on this period is due: <paramref name="daysAfterCutOff"/> days after the cut-off.</summary>
    public DateOnly DueDate(int daysAfterCutOff) => To.AddDays(daysAfterCutOff);

    public override string ToString() => Name;
}
