using System.Linq.Expressions;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Metrics;

/// <summary>
/// 重新挂账: the one definition of a reopened task, used by the dashboard's figure (over <see cref="TaskFact"/>s)
/// and by the ledger's filter its drill-down opens (over stored tasks, in SQL), so the count and the rows agree.
/// </summary>
public static class ReopenedTasks
{
    /// <summary>The rule on a task's reopen count: closed and reopened at least once (it may have closed again since).</summary>
    public static readonly Expression<Func<int, bool>> Rule = reopenCount => reopenCount > 0;

    private static readonly Func<int, bool> Compiled = Rule.Compile();

    public static bool Includes(TaskFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Includes(fact.ReopenCount);
    }

    /// <summary>The rule on a reopen count (tasks counted in groups by their reopen count).</summary>
    public static bool Includes(int reopenCount) => Compiled(reopenCount);

    public static int Count(IEnumerable<TaskFact> facts) => facts.Count(Includes);

    /// <summary><see cref="Rule"/> applied to <see cref="RectificationTask.ReopenCount"/>, for a query.</summary>
    public static Expression<Func<RectificationTask, bool>> Filter()
    {
        var task = Expression.Parameter(typeof(RectificationTask), "t");
        var body = new Substitute(Rule.Parameters[0], Expression.Property(task, nameof(RectificationTask.ReopenCount))).Visit(Rule.Body);
        return Expression.Lambda<Func<RectificationTask, bool>>(body, task);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
