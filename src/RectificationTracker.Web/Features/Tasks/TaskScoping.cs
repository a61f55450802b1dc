using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Tasks;

// These expressions run in SQL, where StartsWith is an ordinal prefix test; EF Core cannot
// translate the StringComparison overload, so CA1310's advice does not apply here.
#pragma warning disable CA1310

/// <summary>
/// Read scope as a query: the same rule as <see cref="TaskWorkflow.CanRead"/>, applied in SQL to every
/// list, count, report and download. Keep the two in step (a test checks they agree).
/// </summary>
public static class TaskScoping
{
    /// <summary>The includes the read rule needs: the round's office, the responsible and cooperating units.</summary>
    public static IQueryable<RectificationTask> WithScopeFacts(this IQueryable<RectificationTask> tasks) =>
        tasks.Include(t => t.Round).ThenInclude(r => r!.OfficeUnit)
            .Include(t => t.ResponsibleUnit)
            .Include(t => t.CooperatingUnits).ThenInclude(c => c.Unit)
            .AsSplitQuery();

    public static IQueryable<RectificationTask> VisibleTo(this IQueryable<RectificationTask> tasks, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Has(Role.Admin))
        {
            return tasks;
        }

        var path = actor.UnitPath;
        var id = actor.UserId;
        return tasks.Where(t =>
            t.Round!.OfficeUnit!.Path.StartsWith(path)
            || t.ResponsibleUnit!.Path.StartsWith(path)
            || t.CooperatingUnits.Any(c => c.Unit!.Path.StartsWith(path))
            || t.LeadLeaderId == id
            || t.ResponsiblePersonId == id);
    }

    /// <summary>Tasks whose progress the actor owns (我的任务).</summary>
    public static IQueryable<RectificationTask> OwnedBy(this IQueryable<RectificationTask> tasks, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Role.Unit))
        {
            return tasks.Where(_ => false);
        }

        var path = actor.UnitPath;
        var id = actor.UserId;
        return tasks.Where(t => t.ResponsibleUnit!.Path.StartsWith(path) || t.ResponsiblePersonId == id);
    }

    /// <summary>Tasks of rounds the actor's inspection office runs.</summary>
    public static IQueryable<RectificationTask> RunByOfficeOf(this IQueryable<RectificationTask> tasks, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Role.Office))
        {
            return tasks.Where(_ => false);
        }

        var path = actor.UnitPath;
        return tasks.Where(t => t.Round!.OfficeUnit!.Path.StartsWith(path));
    }

    /// <summary>The worklists: 我的任务 (mine), 待审核 (review), 待我审签 (signoff); any other name is no filter.</summary>
    public static IQueryable<RectificationTask> InWorklist(this IQueryable<RectificationTask> tasks, Actor actor, string? list)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return list switch
        {
            Worklist.Mine => tasks.OwnedBy(actor).Where(t => t.State == TaskState.InProgress),
            Worklist.Review => tasks.RunByOfficeOf(actor).Where(t => t.State == TaskState.AwaitingReview),
            Worklist.SignOff => actor.Has(Role.Leader)
                ? tasks.Where(t => t.LeadLeaderId == actor.UserId && t.State == TaskState.AwaitingSignOff)
                : tasks.Where(_ => false),
            _ => tasks,
        };
    }

    public static TaskScope ScopeOf(RectificationTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskScope(
            task.Round?.OfficeUnit?.Path ?? throw new InvalidOperationException("Load Round.OfficeUnit first."),
            task.ResponsibleUnit?.Path,
            task.CooperatingUnits.Select(c => c.Unit?.Path).OfType<string>().ToList(),
            task.LeadLeaderId,
            task.ResponsiblePersonId);
    }
}

public static class Worklist
{
    public const string Mine = "mine";
    public const string Review = "review";
    public const string SignOff = "signoff";

    public static bool IsKnown(string? list) => list is Mine or Review or SignOff;
}
