using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Ledger;

public sealed record LedgerRow(
    int Id, int RoundId, string RoundName, int AspectOrdinal, string AspectTitle, int ProblemNumber, string ProblemTitle,
    int TaskNumber, string Measure, TaskCategory Category, string? LeadLeaderName, string? ResponsibleUnitName,
    string? ResponsiblePersonName, DateOnly? Deadline, TaskState State, DateOnly? ClosedOn, string? ClosedByName,
    TaskLight Light, int? DaysOverdue, string? LatestProgress, int UrgeCount = 0, DateOnly? LastUrgedOn = null,
    IReadOnlyList<string>? SignedEvidence = null)
{
    public string Code => $"{ProblemNumber}-{TaskNumber}";

    /// <summary>备注's urging part: "已催办2次(最近12-01)", or null when never urged.</summary>
    public string? UrgingRemark => UrgeCount > 0
        ? $"已催办{UrgeCount}次" + (LastUrgedOn is { } d ? $"(最近{d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)})" : "")
        : null;

    public string AspectLabel => "(" + Domain.Common.ChineseNumerals.Format(Math.Clamp(AspectOrdinal, 1, 99)) + ")" + AspectTitle;
}

public sealed record LedgerResult(IReadOnlyList<LedgerRow> Rows, int Total);

/// <summary>
/// The ledger (整改台账): every task in the actor's scope, filtered, sorted and paged in SQL. Reports,
/// exports and the dashboard's drill-downs use the same query so the numbers agree everywhere.
/// </summary>
public sealed class LedgerQueries(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, UnitDirectory units)
{
    public async Task<LedgerResult> PageAsync(Actor actor, LedgerFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var query = Filtered(db, actor, filter, await SingleUnitAsync(db, filter, ct).ConfigureAwait(false));
        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await Project(Sorted(query, filter).Skip(filter.Page * filter.PageSize).Take(filter.PageSize))
            .ToListAsync(ct).ConfigureAwait(false);
        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        var signed = await SignedEvidenceAsync(db, rows, ct).ConfigureAwait(false);
        return new LedgerResult(rows.Select(r => ToRow(r, labels, signed)).ToList(), total);
    }

    /// <summary>All matching rows, unpaged, for exports and reports.</summary>
    public async Task<IReadOnlyList<LedgerRow>> AllAsync(Actor actor, LedgerFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var query = Filtered(db, actor, filter, await SingleUnitAsync(db, filter, ct).ConfigureAwait(false));
        var rows = await Project(Sorted(query, filter)).ToListAsync(ct).ConfigureAwait(false);
        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        var signed = await SignedEvidenceAsync(db, rows, ct).ConfigureAwait(false);
        return rows.Select(r => ToRow(r, labels, signed)).ToList();
    }

    /// <summary>
    /// Whether the filter's unit has no unit below it, read now from the unit table (so a unit another instance has
    /// just added below it counts): its tasks are then selected by equality, which lets the database walk
    /// IX_Tasks_Ledger_Unit in the ledger's order and stop after the page (an IN over a subquery cannot keep the
    /// index's order, so every match would be sorted: 344 ms for 65,000 matches at 1,000,000 tasks; issue 14).
    /// </summary>
    private static async Task<bool> SingleUnitAsync(TrackerDbContext db, LedgerFilter f, CancellationToken ct)
    {
        if (f.UnitId is not { } unit)
        {
            return false;
        }

        var subtree = await TaskScoping.UnitsUnder(db, unit).Take(2).ToListAsync(ct).ConfigureAwait(false);
        return subtree.Count == 1 && subtree[0] == unit;
    }

    /// <param name="singleUnit">The filter's unit is known to have no unit below it (<see cref="SingleUnitAsync"/>).</param>
    internal IQueryable<RectificationTask> Filtered(TrackerDbContext db, Actor actor, LedgerFilter f, bool singleUnit = false)
    {
        var today = clock.Today;
        var q = db.Tasks.AsNoTracking().VisibleTo(db, actor).InWorklist(db, actor, f.List);
        if (f.RoundId is { } round)
        {
            q = q.Where(t => t.RoundId == round);
        }

        if (f.UnitId is { } leaf && singleUnit)
        {
            q = q.Where(t => t.ResponsibleUnitId == leaf);
        }
        else if (f.UnitId is { } unit)
        {
            // The unit and everything below it, as responsible unit. The units are found first (an uncorrelated
            // subquery over the small unit table), so the tasks are reached through their unit index instead of
            // testing every task's unit path (issue 14: 3 s → ms at 100,000 tasks).
            var subtree = TaskScoping.UnitsUnder(db, unit);
            q = q.Where(t => subtree.Contains(t.ResponsibleUnitId));
        }

        if (!string.IsNullOrEmpty(f.LeadLeaderId))
        {
            q = q.Where(t => t.LeadLeaderId == f.LeadLeaderId);
        }

        if (f.AspectId is { } aspect)
        {
            q = q.Where(t => t.Problem!.AspectId == aspect);
        }

        if (f.Category is { } category)
        {
            q = q.Where(t => t.Category == category);
        }

        if (f.State is { } state)
        {
            q = q.Where(t => t.State == state);
        }

        if (f.DeadlineFrom is { } from)
        {
            q = q.Where(t => t.Deadline >= from);
        }

        if (f.DeadlineTo is { } to)
        {
            q = q.Where(t => t.Deadline <= to);
        }

        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            q = q.Where(t => t.Measure.Contains(text) || t.Problem!.Title.Contains(text) || t.Problem.Text.Contains(text)
                || (t.ResponsiblePersonName != null && t.ResponsiblePersonName.Contains(text)));
        }

        if (f.Reopened)
        {
            q = q.Where(Domain.Metrics.ReopenedTasks.Filter());
        }

        if (f.Light is { } light)
        {
            q = q.Where(TaskLights.Showing(light, today, clock.StartOfLocalDayUtc));
        }

        return q;
    }

    private static IQueryable<RectificationTask> Sorted(IQueryable<RectificationTask> q, LedgerFilter f) => (f.Sort, f.Descending) switch
    {
        ("deadline", false) => q.OrderBy(t => t.Deadline == null).ThenBy(t => t.Deadline).ThenBy(t => t.Id),
        ("deadline", true) => q.OrderByDescending(t => t.Deadline).ThenBy(t => t.Id),
        ("state", false) => q.OrderBy(t => t.State).ThenBy(t => t.Id),
        ("state", true) => q.OrderByDescending(t => t.State).ThenBy(t => t.Id),
        ("unit", false) => q.OrderBy(t => t.ResponsibleUnit!.Name).ThenBy(t => t.Id),
        ("unit", true) => q.OrderByDescending(t => t.ResponsibleUnit!.Name).ThenBy(t => t.Id),
        ("leader", false) => q.OrderBy(t => t.LeadLeaderName).ThenBy(t => t.Id),
        ("leader", true) => q.OrderByDescending(t => t.LeadLeaderName).ThenBy(t => t.Id),
        ("category", false) => q.OrderBy(t => t.Category).ThenBy(t => t.Id),
        ("category", true) => q.OrderByDescending(t => t.Category).ThenBy(t => t.Id),
        // Round (newest first), problem number, task number: the columns of IX_Tasks_Ledger and IX_Tasks_Ledger_Unit, all
        // on the task (ProblemNumber is the problem's number, copied), so the page is read in index order, not sorted.
        (_, true) => q.OrderByDescending(t => t.RoundId).ThenByDescending(t => t.ProblemNumber).ThenByDescending(t => t.Number),
        _ => q.OrderByDescending(t => t.RoundId).ThenBy(t => t.ProblemNumber).ThenBy(t => t.Number),
    };

    private sealed record RawRow(int Id, int RoundId, string RoundName, int AspectOrdinal, string AspectTitle, int ProblemNumber,
        string ProblemTitle, int TaskNumber, string Measure, TaskCategory Category, string? LeadLeaderName, int? UnitId,
        string? PersonName, DateOnly? Deadline, TaskState State, DateOnly? ClosedOn, string? ClosedByName, DateTime? LastProgressAtUtc,
        string? LatestProgress, string? SignedSummary, int UrgeCount, DateTime? LastUrgedAtUtc);

    private static IQueryable<RawRow> Project(IQueryable<RectificationTask> q) => q.Select(t => new RawRow(
        t.Id, t.RoundId, t.Round!.Name, t.Problem!.Aspect!.Ordinal, t.Problem.Aspect.Title, t.Problem.Number, t.Problem.Title,
        t.Number, t.Measure, t.Category, t.LeadLeaderName, t.ResponsibleUnitId, t.ResponsiblePersonName, t.Deadline,
        t.State, t.ClosedOn, t.ClosedByName, t.LastProgressAtUtc,
        t.ProgressUpdates.OrderByDescending(p => p.Id).Select(p => p.Text).FirstOrDefault(),
        t.State == TaskState.Closed
            ? t.Applications.Where(a => a.SignOffApproved == true).OrderByDescending(a => a.Attempt).Select(a => a.Summary).FirstOrDefault()
            : null,
        t.Urgings.Count, t.Urgings.Max(u => (DateTime?)u.AtUtc)));

    /// <summary>
    /// For the closed rows: the files the signed application held (<see cref="ApplicationEvidence.SignedApplication"/>:
    /// the latest attempt a leader approved), by file id, as the sign-off sheet lists them.
    /// </summary>
    private static async Task<Dictionary<int, IReadOnlyList<string>>> SignedEvidenceAsync(TrackerDbContext db, List<RawRow> rows, CancellationToken ct)
    {
        var closed = rows.Where(r => r.State == TaskState.Closed).Select(r => r.Id).ToList();
        if (closed.Count == 0)
        {
            return [];
        }

        var signed = (await db.ClosureApplications.AsNoTracking()
                .Where(a => closed.Contains(a.TaskId) && a.SignOffApproved == true)
                .Select(a => new { a.Id, a.TaskId, a.Attempt })
                .ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(a => a.TaskId).Select(g => g.MaxBy(a => a.Attempt)!).ToList();
        var ids = signed.Select(a => a.Id).ToList();
        // The link table joined directly: the collection projection (a.Evidence) becomes a LEFT JOIN to a subquery,
        // which SQLite materialises over every application's files (~1 s at 1,000,000 tasks; issue 14).
        var files = await (
                from link in db.Set<Dictionary<string, object>>("ApplicationEvidence")
                join file in db.EvidenceFiles on EF.Property<int>(link, "EvidenceFileId") equals file.Id
                where ids.Contains(EF.Property<int>(link, "ApplicationId"))
                select new { ApplicationId = EF.Property<int>(link, "ApplicationId"), file.Id, file.FileName })
            .ToListAsync(ct).ConfigureAwait(false);
        var byApplication = files.ToLookup(f => f.ApplicationId);
        return signed.ToDictionary(a => a.TaskId,
            a => (IReadOnlyList<string>)byApplication[a.Id].OrderBy(f => f.Id).Select(f => f.FileName).ToList());
    }

    private LedgerRow ToRow(RawRow r, IReadOnlyDictionary<int, string> labels, Dictionary<int, IReadOnlyList<string>> signed)
    {
        var today = clock.Today;
        return new LedgerRow(r.Id, r.RoundId, r.RoundName, r.AspectOrdinal, r.AspectTitle, r.ProblemNumber, r.ProblemTitle,
            r.TaskNumber, r.Measure, r.Category, r.LeadLeaderName, r.UnitId is { } u ? labels.GetValueOrDefault(u) : null, r.PersonName, r.Deadline, r.State, r.ClosedOn,
            r.ClosedByName,
            TaskLights.Compute(r.State, r.Deadline, r.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null, today),
            TaskLights.DaysOverdue(r.State, r.Deadline, today), LedgerProgressText.Of(r.State, r.Category, r.SignedSummary, r.LatestProgress),
            r.UrgeCount, r.LastUrgedAtUtc is { } lu ? clock.LocalDate(lu) : null, signed.GetValueOrDefault(r.Id));
    }
}
