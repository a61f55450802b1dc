using System.Linq.Expressions;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Dashboard;

/// <summary>
/// The one place the light of a stored task becomes a SQL expression for grouping: a CASE built from the
/// domain's own query rule <see cref="TaskLights.Showing"/> (the same predicates the ledger's light filter, and
/// so the dashboard's drill-down, uses), never a second copy of the rule. <c>LightBandTests</c> checks it
/// against <see cref="TaskLights.Compute"/> on every boundary date.
/// </summary>
/// <remarks>
/// Queries call the markers <see cref="Of"/> and <see cref="Shows"/> inside an ordinary lambda and pass it through
/// <see cref="Inline"/>, which replaces them by the rule's body, so EF translates it (a CASE, or the predicate of one
/// light) on SQLite and PostgreSQL alike.
/// </remarks>
public static class LightBand
{
    /// <summary>Marker for the task's light (as <c>(int)TaskLight</c>) on the day given to <see cref="Inline"/>; replaced, never called.</summary>
    public static int Of(RectificationTask task) => throw new InvalidOperationException("LightBand.Of only marks a query for LightBand.Inline.");

    /// <summary>Marker for "the task shows <paramref name="light"/>" (<see cref="TaskLights.Showing"/>; a constant light); replaced, never called.</summary>
    public static bool Shows(RectificationTask task, TaskLight light) => throw new InvalidOperationException("LightBand.Shows only marks a query for LightBand.Inline.");

    /// <summary>
    /// The light of a task on <paramref name="today"/> as a query expression: red if it shows red, else yellow if
    /// it shows yellow, else green if green, else none (<see cref="TaskLights.Showing"/> of each light).
    /// </summary>
    public static Expression<Func<RectificationTask, int>> Rule(DateOnly today, Func<DateOnly, DateTime> startOfLocalDayUtc)
    {
        var task = Expression.Parameter(typeof(RectificationTask), "t");
        Expression Test(TaskLight light) => Body(TaskLights.Showing(light, today, startOfLocalDayUtc), task);
        static ConstantExpression Code(TaskLight light) => Expression.Constant((int)light);
        var body = Expression.Condition(Test(TaskLight.Red), Code(TaskLight.Red),
            Expression.Condition(Test(TaskLight.Yellow), Code(TaskLight.Yellow),
                Expression.Condition(Test(TaskLight.Green), Code(TaskLight.Green), Code(TaskLight.None))));
        return Expression.Lambda<Func<RectificationTask, int>>(body, task);
    }

    /// <summary><paramref name="query"/> with <see cref="Of"/> and <see cref="Shows"/> replaced by the light rule for <paramref name="today"/>.</summary>
    public static Expression<Func<RectificationTask, T>> Inline<T>(Expression<Func<RectificationTask, T>> query, DateOnly today,
        Func<DateOnly, DateTime> startOfLocalDayUtc)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = new Marker(Rule(today, startOfLocalDayUtc), light => TaskLights.Showing(light, today, startOfLocalDayUtc)).Visit(query.Body);
        return Expression.Lambda<Func<RectificationTask, T>>(body, query.Parameters);
    }

    private static Expression Body(LambdaExpression rule, Expression task) => new Substitute(rule.Parameters[0], task).Visit(rule.Body);

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private sealed class Marker(Expression<Func<RectificationTask, int>> band, Func<TaskLight, Expression<Func<RectificationTask, bool>>> showing)
        : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(LightBand) && node.Method.Name == nameof(Of))
            {
                return Body(band, Visit(node.Arguments[0]));
            }

            if (node.Method.DeclaringType == typeof(LightBand) && node.Method.Name == nameof(Shows))
            {
                var light = node.Arguments[1] is ConstantExpression { Value: TaskLight l }
                    ? l
                    : throw new InvalidOperationException("LightBand.Shows needs a constant light.");
                return Body(showing(light), Visit(node.Arguments[0]));
            }

            return base.VisitMethodCall(node);
        }
    }
}
