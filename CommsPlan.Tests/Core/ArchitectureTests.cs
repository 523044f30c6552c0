using CommsPlan.Core;
using NetArchTest.Rules;

namespace CommsPlan.Tests.Core;

/// <summary>
/// Core is sliced by feature; features may use one another in one direction only, so that any feature can be read,
/// changed and tested starting from what it depends on. Shared layers (Common, Data, Access, Audit, Changes) may be
/// used by every feature. Dependencies are read from the compiled IL (method bodies included), not from usings.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "CommsPlan.Core.";

    /// <summary>The feature folders of Core, the same names as the Dashboard's pages and the tests' folders.</summary>
    public static readonly string[] Features =
        ["Plans", "PlanAuthoring", "Activities", "UnitPlans", "Monitoring", "ReportingCycle", "Reports", "Feedback", "Administration", "Notifications", "Evidence", "Compare", "Api"];

    /// <summary>Layers every feature may use; they use no feature themselves (Data and Audit excepted, see below).</summary>
    public static readonly string[] SharedLayers = ["Common", "Data", "Access", "Audit", "Changes", "Mail"];

    private static readonly System.Reflection.Assembly CoreAssembly = typeof(ServiceCollectionExtensions).Assembly;

    [Fact]
    public void CoreFeaturesDependOnEachOtherWithoutACycle()
    {
        var graph = DependencyGraph(Features, Features);

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"Features depend on each other in a circle: {string.Join(" → ", cycle ?? [])}. "
            + $"Every dependency: {Describe(graph)}");
    }

    [Fact]
    public void CommonAccessChangesAndMailUseNoFeature()
    {
        // Data holds the DbContext, its entity configurations, migrations and seeding, which name every feature's
        // entities; Audit labels every audited entity: both are exempt by design.
        var graph = DependencyGraph(["Common", "Access", "Changes", "Mail"], Features);

        Assert.True(graph.Values.All(d => d.Count == 0), $"A shared layer uses a feature: {Describe(graph)}");
    }

    [Fact]
    public void EveryCoreNamespaceIsAFeatureOrASharedLayer()
    {
        var known = Features.Concat(SharedLayers).ToHashSet();
        var strays = CoreAssembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(Root, StringComparison.Ordinal))
            .Select(ns => ns!.Substring(Root.Length).Split('.')[0])
            .Where(top => !known.Contains(top))
            .Distinct()
            .ToList();

        Assert.Empty(strays);
    }

    private static Dictionary<string, List<string>> DependencyGraph(IEnumerable<string> from, IReadOnlyCollection<string> to) =>
        from.ToDictionary(f => f, f => to.Where(g => g != f && Types.InAssembly(CoreAssembly)
                .That().ResideInNamespace(Root + f)
                .And().HaveDependencyOn(Root + g)
                .GetTypes().Any())
            .ToList());

    private static List<string>? FindCycle(Dictionary<string, List<string>> graph)
    {
        var state = graph.Keys.ToDictionary(k => k, _ => 0); // 0 unseen, 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path.SkipWhile(n => n != next), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys)
        {
            if (state[node] == 0 && Visit(node) is { } cycle) return cycle;
        }
        return null;
    }

    private static string Describe(Dictionary<string, List<string>> graph) =>
        string.Join("; ", graph.Where(e => e.Value.Count > 0).Select(e => $"{e.Key} → {string.Join(", ", e.Value)}"));
}
