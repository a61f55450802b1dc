using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Rounds;

/// <summary>A round as a filter option.</summary>
public sealed record RoundOption(int Id, string Name);

/// <summary>One round of the list; its figures are the domain's <see cref="ProgressFigures"/> over the tasks the actor sees.</summary>
public sealed record RoundListRow(int Id, string Name, RoundKind Kind, string InspectingBody, string OfficeUnitName,
    DateOnly FeedbackDate, DateOnly RectificationDeadline, int Problems, ProgressFigures Progress)
{
    public int Tasks => Progress.Tasks;

    public int Closed => Progress.Closed;

    public int Overdue => Progress.Overdue;

    /// <summary>整改完成率 by task in percent, as <see cref="Rate.Percent"/> rounds it (0 when there are no tasks).</summary>
    public decimal CompletionPercent => Progress.TaskCompletion.Percent ?? 0m;
}

public sealed record RoundTree(InspectionRound Round, string OfficeUnitName, IReadOnlyList<string> InspectedUnitNames,
    IReadOnlyList<AspectNode> Aspects, bool CanEdit, ProgressFigures Progress);

public sealed record AspectNode(int Id, string OrdinalLabel, string Title, IReadOnlyList<ProblemNode> Problems);

public sealed record ProblemNode(int Id, int Number, string Title, string Text, string? SourceExcerpt, IReadOnlyList<TaskNode> Tasks)
{
    /// <summary>A problem counts as closed when all its tasks are closed.</summary>
    public bool IsClosed => Tasks.Count > 0 && Tasks.All(t => t.State == TaskState.Closed);
}

public sealed record TaskNode(int Id, int Number, string Measure, TaskCategory Category, TaskState State, string? LeadLeaderName,
    string? ResponsibleUnitName, DateOnly? Deadline, TaskLight Light);

/// <summary>Rounds in the actor's scope: those their office runs and those with tasks they may see.</summary>
public sealed class RoundQueries(IDbContextFactory<TrackerDbContext> dbFactory, Clock clock, UnitDirectory units)
{
    /// <summary>
    /// The rounds the actor may see, newest first, as filter options: ids and names only. <see cref="ListAsync"/>
    /// tallies every visible task (a million rows in a province), which a dropdown does not need (issue 14).
    /// </summary>
    public async Task<IReadOnlyList<RoundOption>> OptionsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await VisibleRounds(db, actor)
            .OrderByDescending(r => r.FeedbackDate).ThenByDescending(r => r.Id)
            .Select(r => new RoundOption(r.Id, r.Name))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The rounds the actor may see: all for an administrator, those its office runs, and those holding a task it may see.</summary>
    private static IQueryable<InspectionRound> VisibleRounds(TrackerDbContext db, Actor actor)
    {
        var visible = db.Tasks.VisibleTo(db, actor);
        var path = actor.UnitPath;
        var all = actor.Has(Role.Admin);
#pragma warning disable CA1310 // SQL prefix test
        return db.Rounds.AsNoTracking().Where(r => all || r.OfficeUnit!.Path.StartsWith(path) || visible.Any(t => t.RoundId == r.Id));
#pragma warning restore CA1310
    }

    public async Task<IReadOnlyList<RoundListRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var today = clock.Today;
        var visible = db.Tasks.VisibleTo(db, actor);
        var rounds = await VisibleRounds(db, actor)
            .OrderByDescending(r => r.FeedbackDate).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Name, r.Kind, r.InspectingBody, r.OfficeUnitId, r.FeedbackDate, r.RectificationDeadline,
                Problems = db.Problems.Count(p => p.RoundId == r.Id),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var tallies = (await visible
                .Select(t => new { t.RoundId, t.ProblemId, t.State, t.Deadline, t.ClosedOn })
                .ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(t => t.RoundId, t => new TaskTally(t.ProblemId, t.State, t.Deadline, t.ClosedOn));
        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        return rounds.Select(r => new RoundListRow(r.Id, r.Name, r.Kind, r.InspectingBody, labels.GetValueOrDefault(r.OfficeUnitId, ""), r.FeedbackDate, r.RectificationDeadline,
                r.Problems, ProgressFigures.Of(tallies[r.Id], today)))
            .ToList();
    }

    /// <summary>The aspect → problem → task tree; tasks limited to those the actor may see. Null when out of scope.</summary>
    public async Task<RoundTree?> TreeAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var round = await db.Rounds.AsNoTracking().Include(r => r.OfficeUnit).Include(r => r.InspectedUnits)
            .FirstOrDefaultAsync(r => r.Id == roundId, ct).ConfigureAwait(false);
        if (round is null)
        {
            return null;
        }

        var runsIt = actor.Has(Role.Admin) || actor.InScope(round.OfficeUnit!.Path);
        var today = clock.Today;
        var tasks = await db.Tasks.AsNoTracking().VisibleTo(db, actor).Where(t => t.RoundId == roundId)
            .Select(t => new
            {
                t.Id, t.ProblemId, t.Number, t.Measure, t.Category, t.State, t.LeadLeaderName,
                t.ResponsibleUnitId, t.Deadline, t.LastProgressAtUtc, t.ClosedOn,
            })
            .ToListAsync(ct).ConfigureAwait(false);
        if (!runsIt && tasks.Count == 0)
        {
            return null;
        }

        var aspects = await db.Aspects.AsNoTracking().Where(a => a.RoundId == roundId).OrderBy(a => a.Ordinal)
            .Include(a => a.Problems).ToListAsync(ct).ConfigureAwait(false);
        var byProblem = tasks.ToLookup(t => t.ProblemId);
        var labels = await units.LabelsAsync(ct).ConfigureAwait(false);
        var unitNames = round.InspectedUnits.Select(i => labels.GetValueOrDefault(i.UnitId, "")).ToList();
        var nodes = aspects.Select(a => new AspectNode(a.Id, a.OrdinalLabel, a.Title,
            a.Problems.OrderBy(p => p.Number)
                .Where(p => runsIt || byProblem[p.Id].Any())
                .Select(p => new ProblemNode(p.Id, p.Number, p.Title, p.Text, p.SourceExcerpt,
                    byProblem[p.Id].OrderBy(t => t.Number).Select(t => new TaskNode(t.Id, t.Number, t.Measure, t.Category, t.State,
                        t.LeadLeaderName, t.ResponsibleUnitId is { } u ? labels.GetValueOrDefault(u) : null, t.Deadline,
                        TaskLights.Compute(t.State, t.Deadline, t.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : null, today))).ToList()))
                .ToList()))
            .Where(a => runsIt || a.Problems.Count > 0)
            .ToList();
        return new RoundTree(round, labels.GetValueOrDefault(round.OfficeUnitId, round.OfficeUnit!.Name), unitNames, nodes, CanEdit: actor.RunsRoundOf(round.OfficeUnit.Path),
            ProgressFigures.Of(tasks.Select(t => new TaskTally(t.ProblemId, t.State, t.Deadline, t.ClosedOn)), today));
    }
}
