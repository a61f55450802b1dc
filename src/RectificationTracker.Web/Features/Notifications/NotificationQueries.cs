using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Notifications;

/// <summary>What the bell shows: the total and the most urgent notices.</summary>
public sealed record NotificationList(int Total, IReadOnlyList<TaskNotice> Items);

/// <summary>Every notice kind's full count and the most urgent notices: what the daily digest words.</summary>
public sealed record NotificationSummary(IReadOnlyDictionary<NoticeKind, int> Counts, IReadOnlyList<TaskNotice> Items)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// The bell's notifications, derived from the tasks (nothing is stored): for owners, overdue, returned
/// and due-soon tasks; for the office, applications awaiting review; for leaders, sign-offs awaiting
/// them. The rules are <see cref="TaskNotices"/>; the lists are the worklists' own definitions.
/// </summary>
/// <remarks>
/// Every worklist and <see cref="TaskScoping.OwnedBy"/> lies inside the read scope by definition (its own
/// rounds, units or leader id; TaskScopingTests checks it for every kind of user), so the read-scope
/// predicate is not repeated here: the badge is counted on every page (issue 14).
/// </remarks>
public sealed class NotificationQueries(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock)
{
    public const int Shown = 30;

    /// <summary>How many notices the actor has: the bell's badge, without loading them.</summary>
    public async Task<int> CountAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        // The badge is on every page: lists the actor does not have are not asked for.
        var total = 0;
        if (Worklist.Has(actor, Worklist.Mine))
        {
            total += await Owned(db, actor).CountAsync(ct).ConfigureAwait(false);
            total += await Urged(db, actor).CountAsync(ct).ConfigureAwait(false);
        }

        foreach (var (list, _) in Waiting.Where(w => Worklist.Has(actor, w.List)))
        {
            total += await db.Tasks.AsNoTracking().InWorklist(db, actor, list).CountAsync(ct).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>The total and the <see cref="Shown"/> most urgent notices.</summary>
    public async Task<NotificationList> ForAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        var owned = Owned(db, actor);
        var ownedCount = await owned.CountAsync(ct).ConfigureAwait(false);
        var ownedRows = await owned.OrderBy(t => t.Deadline).Take(Shown).ToListAsync(ct).ConfigureAwait(false);
        var notices = new List<TaskNotice>();
        foreach (var t in ownedRows)
        {
            if (TaskNotices.ForOwner(t.State, t.Deadline, t.Returned, today) is { } n)
            {
                notices.Add(new TaskNotice(n.Kind, t.Id, t.ProblemNumber, t.Number, t.Measure, t.Deadline, n.Days));
            }
        }

        var urged = Urged(db, actor);
        var total = ownedCount + await urged.CountAsync(ct).ConfigureAwait(false);
        notices.AddRange(UrgedNotices(await urged.OrderByDescending(t => t.LastUrgedAtUtc).Take(Shown).ToListAsync(ct).ConfigureAwait(false)));
        foreach (var (list, kind) in Waiting)
        {
            var waiting = db.Tasks.AsNoTracking().InWorklist(db, actor, list);
            total += await waiting.CountAsync(ct).ConfigureAwait(false);
            notices.AddRange(await waiting.OrderBy(t => t.Deadline).Take(Shown)
                .Select(t => new TaskNotice(kind, t.Id, t.Problem!.Number, t.Number, t.Measure, t.Deadline, null))
                .ToListAsync(ct).ConfigureAwait(false));
        }

        return new NotificationList(total, TaskNotices.Ordered(notices).Take(Shown).ToList());
    }

    /// <summary>
    /// Every kind's full count and the <paramref name="items"/> most urgent notices, by the same definitions as
    /// <see cref="ForAsync"/> (the bell): the daily digest's content.
    /// </summary>
    public async Task<NotificationSummary> SummaryAsync(Actor actor, int items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        var counts = new Dictionary<NoticeKind, int>();
        var notices = new List<TaskNotice>();
        foreach (var t in await Owned(db, actor).ToListAsync(ct).ConfigureAwait(false))
        {
            if (TaskNotices.ForOwner(t.State, t.Deadline, t.Returned, today) is { } n)
            {
                counts[n.Kind] = counts.GetValueOrDefault(n.Kind) + 1;
                notices.Add(new TaskNotice(n.Kind, t.Id, t.ProblemNumber, t.Number, t.Measure, t.Deadline, n.Days));
            }
        }

        var urged = UrgedNotices(await Urged(db, actor).ToListAsync(ct).ConfigureAwait(false));
        counts[NoticeKind.Urged] = urged.Count;
        notices.AddRange(urged);
        foreach (var (list, kind) in Waiting)
        {
            var waiting = db.Tasks.AsNoTracking().InWorklist(db, actor, list);
            counts[kind] = await waiting.CountAsync(ct).ConfigureAwait(false);
            notices.AddRange(await waiting.OrderBy(t => t.Deadline).Take(items)
                .Select(t => new TaskNotice(kind, t.Id, t.Problem!.Number, t.Number, t.Measure, t.Deadline, null, null))
                .ToListAsync(ct).ConfigureAwait(false));
        }

        return new NotificationSummary(counts, TaskNotices.Ordered(notices).Take(items).ToList());
    }

    private static List<TaskNotice> UrgedNotices(IEnumerable<UrgedNotice> rows) =>
        rows.Where(t => UrgingRules.Unanswered(t.State, t.LastUrgedAtUtc, t.LastProgressAtUtc))
            .Select(t => new TaskNotice(NoticeKind.Urged, t.Id, t.ProblemNumber, t.Number, t.Measure, t.Deadline, t.Count, t.LastMessage))
            .ToList();

    /// <summary>
    /// Owners: tasks in progress whose last urging came after the owner's last activity (the SQL twin of
    /// <see cref="UrgingRules.Unanswered"/>; the rows are checked by it again).
    /// </summary>
    private static IQueryable<UrgedNotice> Urged(TrackerDbContext db, Actor actor) =>
        db.Tasks.AsNoTracking().OwnedBy(db, actor)
            .Where(t => t.State == TaskState.InProgress && t.Urgings.Any())
            .Select(t => new UrgedNotice
            {
                Id = t.Id,
                ProblemNumber = t.Problem!.Number,
                Number = t.Number,
                Measure = t.Measure,
                Deadline = t.Deadline,
                State = t.State,
                LastProgressAtUtc = t.LastProgressAtUtc,
                LastUrgedAtUtc = t.Urgings.Max(u => (DateTime?)u.AtUtc),
                Count = t.Urgings.Count,
                LastMessage = t.Urgings.OrderByDescending(u => u.AtUtc).ThenByDescending(u => u.Id).Select(u => u.Message).FirstOrDefault(),
            })
            .Where(t => t.LastProgressAtUtc == null || t.LastUrgedAtUtc > t.LastProgressAtUtc);

    private sealed class UrgedNotice
    {
        public int Id { get; init; }

        public int ProblemNumber { get; init; }

        public int Number { get; init; }

        public string Measure { get; init; } = "";

        public DateOnly? Deadline { get; init; }

        public TaskState State { get; init; }

        public DateTime? LastProgressAtUtc { get; init; }

        public DateTime? LastUrgedAtUtc { get; init; }

        public int Count { get; init; }

        public string? LastMessage { get; init; }
    }

    /// <summary>The worklists that notify: applications awaiting the office's review, sign-offs awaiting the leader.</summary>
    private static readonly (string List, NoticeKind Kind)[] Waiting =
        [(Worklist.Review, NoticeKind.AwaitingReview), (Worklist.SignOff, NoticeKind.AwaitingSignOff)];

    /// <summary>Owners: open tasks that are overdue, returned or due soon (the SQL twin of <see cref="TaskNotices.ForOwner"/>).</summary>
    private IQueryable<OwnedNotice> Owned(TrackerDbContext db, Actor actor)
    {
        var today = clock.Today;
        var dueBy = today.AddDays(TaskLights.DueSoonDays);
        return db.Tasks.AsNoTracking().OwnedBy(db, actor)
            .Select(t => new OwnedNotice
            {
                Id = t.Id,
                ProblemNumber = t.Problem!.Number,
                Number = t.Number,
                Measure = t.Measure,
                Deadline = t.Deadline,
                State = t.State,
                // ClosureApplication.Returned: a withdrawn application is not a returned one.
                Returned = t.Applications.OrderByDescending(a => a.Attempt)
                    .Select(a => a.ReviewApproved == false || a.SignOffApproved == false).FirstOrDefault(),
            })
            .Where(t => (t.State != TaskState.Registered && t.State != TaskState.Closed && t.Deadline != null && t.Deadline < today)
                || (t.State == TaskState.InProgress && (t.Returned || (t.Deadline != null && t.Deadline <= dueBy))));
    }

    // Init properties, not a positional record: EF translates the filter on them only after a member-init projection.
    private sealed class OwnedNotice
    {
        public int Id { get; init; }

        public int ProblemNumber { get; init; }

        public int Number { get; init; }

        public string Measure { get; init; } = "";

        public DateOnly? Deadline { get; init; }

        public TaskState State { get; init; }

        public bool Returned { get; init; }
    }
}
