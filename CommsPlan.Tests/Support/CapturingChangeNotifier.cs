using CommsPlan.Core.Changes;

namespace CommsPlan.Tests.Support;

/// <summary>Records what services publish, so a test can assert a save was announced.</summary>
public sealed class CapturingChangeNotifier : IDataChangeNotifier
{
    private readonly List<DataChange> _changes = [];

    public IReadOnlyList<DataChange> Changes
    {
        get { lock (_changes) return [.. _changes]; }
    }

    public void NotifyChanged(DataChange change)
    {
        lock (_changes) _changes.Add(change);
    }

    public IDisposable Subscribe(Func<DataChange, Task> onChanged) => throw new NotSupportedException("Tests only capture.");
}
