using System.Linq.Expressions;
using System.Reflection;

namespace CommsPlan.Core.UnitPlans;

/// <summary>
/// The NV1 rule, written once: an agency bound by the plan's unit-plan assignment (NV1, found by
/// <see cref="Plans.UnitPlanAssignments"/>) is on time when its unit plan is dated on or before the assignment's
/// deadline, late when after it, and without one it is "not yet due" until the deadline passes and "missing"
/// after (or at once when the assignment has no deadline). The same expression runs in SQL (lists, counts)
/// and in memory (<see cref="Evaluate"/>), so the two can never disagree.
/// </summary>
public static class UnitPlanStatusRule
{
    /// <summary>(issued on, deadline, today) → status. Provider-neutral: comparisons and CASE only.</summary>
    public static readonly Expression<Func<DateOnly?, DateOnly?, DateOnly, UnitPlanStatus>> Rule =
        (issuedOn, deadline, today) =>
            issuedOn == null
                ? (deadline != null && today <= deadline ? UnitPlanStatus.NotDue : UnitPlanStatus.Missing)
                : (deadline == null || issuedOn <= deadline ? UnitPlanStatus.OnTime : UnitPlanStatus.Late);

    private static readonly Func<DateOnly?, DateOnly?, DateOnly, UnitPlanStatus> Compiled = Rule.Compile();

    private static readonly MethodInfo EvaluateMethod =
        typeof(UnitPlanStatusRule).GetMethod(nameof(Evaluate), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The rule in memory. Inside a query passed through <see cref="Inline{T}"/> it becomes SQL instead.</summary>
    public static UnitPlanStatus Evaluate(DateOnly? issuedOn, DateOnly? deadline, DateOnly today) =>
        Compiled(issuedOn, deadline, today);

    /// <summary>Replaces every call to <see cref="Evaluate"/> in a query expression with the rule's body, so the database computes it.</summary>
    public static Expression<T> Inline<T>(Expression<T> query) => (Expression<T>)new Inliner().Visit(query);

    public static string DisplayName(this UnitPlanStatus status) => status switch
    {
        UnitPlanStatus.OnTime => "Đúng hạn",
        UnitPlanStatus.Late => "Trễ hạn",
        UnitPlanStatus.Missing => "Chưa ban hành",
        UnitPlanStatus.NotDue => "Chưa đến hạn",
        _ => status.ToString(),
    };

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != EvaluateMethod) return base.VisitMethodCall(node);
            var arguments = node.Arguments.Select(Visit).ToList();
            var map = Rule.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second!);
            return new ParameterReplacer(map).Visit(Rule.Body);
        }
    }

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
