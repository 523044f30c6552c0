using CommsPlan.Core.Monitoring;

namespace CommsPlan.Core.Changes;

/// <summary>
/// Tells open pages that monitored data changed, so their figures refresh without a reload. Services call
/// <see cref="NotifyChanged"/> after a successful save, import or delete; pages subscribe and dispose the
/// subscription when their circuit closes. An in-process implementation serves one app instance; a
/// cross-instance one (PostgreSQL LISTEN/NOTIFY, Redis) can replace it without touching pages or services.
/// </summary>
public interface IDataChangeNotifier
{
    void NotifyChanged(DataChange change);

    IDisposable Subscribe(Func<DataChange, Task> onChanged);
}

/// <summary>What changed: the kind of record ("Activity", "UnitPlan", …) and the agency whose data it is, when one.</summary>
public sealed record DataChange(string Kind, int? AgencyId);

/// <summary>
/// A number that grows with every published change. A reader that shares one computation between concurrent callers
/// (the overview's cache) only shares it among callers that asked at the same version, so a
/// caller told of a save never receives figures computed before that save.
/// </summary>
public interface IDataVersion
{
    long Current { get; }
}
