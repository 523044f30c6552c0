namespace CommsPlan.Core.Access;

/// <summary>
/// An agency's record the Office may enter for it when the agency reports on paper or by email (an activity, the unit
/// plan, a difficulty). The write path stamps <see cref="EnteredOnBehalfBy"/> when a monitor creates one
/// (<see cref="CurrentUser.EntersOnBehalfOf"/>); who may change it afterwards is <see cref="CurrentUser.CanChange"/>.
/// </summary>
public interface IEnteredOnBehalf
{
    int AgencyId { get; }

    /// <summary>The user name of the Office's monitor who entered it for the agency; null when the agency entered it itself.</summary>
    string? EnteredOnBehalfBy { get; set; }
}

/// <summary>How the app names a record the Office entered for an agency.</summary>
public static class OnBehalf
{
    public const string Label = "Văn phòng nhập thay";

    /// <summary>"Văn phòng nhập thay · Nguyễn Văn A" (the full name when known, else the user name).</summary>
    public static string Describe(string userName, string? fullName) =>
        $"{Label} · {(string.IsNullOrWhiteSpace(fullName) ? userName : fullName)}";
}
