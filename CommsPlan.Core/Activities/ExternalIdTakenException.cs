using L = CommsPlan.Core.Activities.ActivityInputValidator.Labels;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The agency already recorded an activity under this id of its own system: a second one would be counted twice.
/// <see cref="ExistingId"/> is the activity to update instead.
/// </summary>
public sealed class ExternalIdTakenException(string externalId, int existingId)
    : Exception($"Đơn vị đã có hoạt động số {existingId} với {L.ExternalId.ToLowerInvariant()} «{externalId}»; hãy cập nhật hoạt động đó thay vì tạo thêm.")
{
    public string ExternalId { get; } = externalId;
    public int ExistingId { get; } = existingId;
}
