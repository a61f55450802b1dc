using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;

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

    /// <remarks>
    /// Each part of the rule is an uncorrelated id subquery (rounds run by the actor's office, units under
    /// the actor's unit, tasks those units cooperate on) or a column test, never a path test through a join
    /// per task: SQLite then reaches the tasks through IX_Tasks_RoundId_State / IX_Tasks_Ledger_Unit (unit first) /
    /// LeadLeaderId_State / ResponsiblePersonId_State (a multi-index OR), PostgreSQL through hashed
    /// subplans. The worklist and bell counts on every page run through here (issue 14: 1,000,000 tasks).
    /// </remarks>
    public static IQueryable<RectificationTask> VisibleTo(this IQueryable<RectificationTask> tasks, TrackerDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Has(Role.Admin))
        {
            return tasks;
        }

        var rounds = RoundsRunUnder(db, actor.UnitPath);
        var units = UnitsUnder(db, actor.UnitPath);
        var cooperating = db.TaskCooperatingUnits.Where(c => units.Contains(c.UnitId)).Select(c => c.TaskId);
        var id = actor.UserId;
        return tasks.Where(t =>
            rounds.Contains(t.RoundId)
            || units.Contains(t.ResponsibleUnitId)
            || cooperating.Contains(t.Id)
            || t.LeadLeaderId == id
            || t.ResponsiblePersonId == id);
    }

    /// <summary>Tasks whose progress the actor owns (我的任务).</summary>
    public static IQueryable<RectificationTask> OwnedBy(this IQueryable<RectificationTask> tasks, TrackerDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Worklist.Has(actor, Worklist.Mine))
        {
            return tasks.Where(_ => false);
        }

        var units = UnitsUnder(db, actor.UnitPath);
        var id = actor.UserId;
        return tasks.Where(t => units.Contains(t.ResponsibleUnitId) || t.ResponsiblePersonId == id);
    }

    /// <summary>Tasks of rounds the actor's inspection office runs.</summary>
    public static IQueryable<RectificationTask> RunByOfficeOf(this IQueryable<RectificationTask> tasks, TrackerDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Worklist.Has(actor, Worklist.Review))
        {
            return tasks.Where(_ => false);
        }

        var rounds = RoundsRunUnder(db, actor.UnitPath);
        return tasks.Where(t => rounds.Contains(t.RoundId));
    }

    /// <summary>The ids of <paramref name="path"/>'s unit and every unit below it (the unit table is small).</summary>
    public static IQueryable<int?> UnitsUnder(TrackerDbContext db, string path)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Units.Where(u => u.Path.StartsWith(path)).Select(u => (int?)u.Id);
    }

    /// <summary>The ids of unit <paramref name="unitId"/> and every unit below it, found in SQL from the unit's own path.</summary>
    public static IQueryable<int?> UnitsUnder(TrackerDbContext db, int unitId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var path = db.Units.Where(u => u.Id == unitId).Select(u => u.Path);
        return db.Units.Where(u => path.Any(p => u.Path.StartsWith(p))).Select(u => (int?)u.Id);
    }

    /// <summary>The ids of the rounds run by an office at or below <paramref name="path"/>.</summary>
    private static IQueryable<int> RoundsRunUnder(TrackerDbContext db, string path) =>
        db.Rounds.Where(r => r.OfficeUnit!.Path.StartsWith(path)).Select(r => r.Id);

    /// <summary>The worklists: 我的任务 (mine), 待审核 (review), 待我审签 (signoff); any other name is no filter.</summary>
    public static IQueryable<RectificationTask> InWorklist(this IQueryable<RectificationTask> tasks, TrackerDbContext db, Actor actor, string? list)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return list switch
        {
            Worklist.Mine => tasks.OwnedBy(db, actor).Where(t => t.State == TaskState.InProgress),
            Worklist.Review => tasks.RunByOfficeOf(db, actor).Where(t => t.State == TaskState.AwaitingReview),
            Worklist.SignOff => Worklist.Has(actor, Worklist.SignOff)
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

    /// <summary>
    /// Whether the actor has the worklist at all: 我的任务 for responsible units, 待审核 for the inspection
    /// office, 待我审签 for leaders. A list the actor does not have is empty, so nothing needs to ask the database.
    /// </summary>
    public static bool Has(Actor actor, string list)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return list switch
        {
            Mine => actor.Has(Role.Unit),
            Review => actor.Has(Role.Office),
            SignOff => actor.Has(Role.Leader),
            _ => false,
        };
    }
}
