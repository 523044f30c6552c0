using System.Globalization;

namespace CommsPlan.Core.Common;

/// <summary>Dates and numbers in messages the way Vietnamese documents write them, whatever the thread's culture.</summary>
public static class VietnameseFormat
{
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Number(long value) => OfficialNumber.Number(value);

    /// <summary>A stored UTC instant as the province's wall-clock time: 14:05 20/10/2021.</summary>
    public static string Time(DateTime utc) => utc.ToVietnamTime().ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
