using Graphs;

// The live Blazor components in a heap dump (dotnet-gcdump, e.g. the benchmark's --gcdump DIR), by type: for every
// RemoteComponentState, its component's type and the bytes of the RenderTreeFrame[] arrays its two render-tree
// builders hold (the current and the previous tree). With "types", the dump's bytes and objects per type instead, as
// tab-separated lines, for comparing two dumps.
//   dotnet run --project tools/gcdump-components -- DUMP.gcdump [types]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: gcdump-components DUMP.gcdump [types]");
    return 1;
}
var graph = new GCHeapDump(args[0]).MemoryGraph;

string TypeName(NodeIndex index) =>
    graph.GetType(graph.GetNode(index, graph.AllocNodeStorage()).TypeIndex, graph.AllocTypeNodeStorage()).Name;

if (args.Length > 1 && args[1] == "types")
{
    var sums = new Dictionary<string, (long Bytes, long Objects)>();
    for (NodeIndex i = 0; i < graph.NodeIndexLimit; i++)
    {
        var node = graph.GetNode(i, graph.AllocNodeStorage());
        if (node.Size == 0) continue;
        var name = TypeName(i);
        var sum = sums.GetValueOrDefault(name);
        sums[name] = (sum.Bytes + node.Size, sum.Objects + 1);
    }
    foreach (var (name, sum) in sums.OrderByDescending(s => s.Value.Bytes)) Console.WriteLine($"{sum.Bytes}\t{sum.Objects}\t{name}");
    return 0;
}

var byType = new Dictionary<string, (int Count, long Frames)>();
for (NodeIndex i = 0; i < graph.NodeIndexLimit; i++)
{
    if (!TypeName(i).EndsWith("RemoteComponentState", StringComparison.Ordinal)) continue;
    var state = graph.GetNode(i, graph.AllocNodeStorage());
    // The component is the state's first reference to an object of a component library or of the app.
    string? component = null;
    for (var child = state.GetFirstChildIndex(); child != NodeIndex.Invalid; child = state.GetNextChildIndex())
    {
        var name = TypeName(child);
        if (name.StartsWith("System", StringComparison.Ordinal) || name.Contains(".Rendering.") || name.Contains(".RenderTree.")
            || name.Contains(".Circuits.") || name.Contains("CascadingParameterState")) continue;
        component = name;
        break;
    }
    var frames = FramesUnder(i, 0, []);
    var entry = byType.GetValueOrDefault(component ?? "?");
    byType[component ?? "?"] = (entry.Count + 1, entry.Frames + frames);
}
foreach (var (name, entry) in byType.OrderByDescending(e => e.Value.Frames))
    Console.WriteLine($"{entry.Count,5} {entry.Frames,10:N0} B frames  {name}");
Console.WriteLine($"components {byType.Values.Sum(e => e.Count)}, frames {byType.Values.Sum(e => e.Frames):N0} B");
return 0;

// The frame arrays reached from a component state through its builders only (state → builder → array builder → array).
long FramesUnder(NodeIndex index, int depth, HashSet<NodeIndex> seen)
{
    if (depth > 3 || !seen.Add(index)) return 0;
    var node = graph.GetNode(index, graph.AllocNodeStorage());
    var name = TypeName(index);
    if (name.StartsWith("Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[]", StringComparison.Ordinal)) return node.Size;
    if (depth > 0 && !name.Contains("Builder")) return 0;
    long total = 0;
    for (var child = node.GetFirstChildIndex(); child != NodeIndex.Invalid; child = node.GetNextChildIndex())
        total += FramesUnder(child, depth + 1, seen);
    return total;
}
