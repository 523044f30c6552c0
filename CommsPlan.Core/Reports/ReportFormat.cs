using CommsPlan.Core.Common;

namespace CommsPlan.Core.Reports;

/// <summary>Numbers as the report writes them: <see cref="OfficialNumber"/>, named for the report's own readers.</summary>
public static class ReportFormat
{
    /// <summary>"1.234".</summary>
    public static string Number(long value) => OfficialNumber.Number(value);
}
