using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;

namespace RectificationTracker.Domain.Rounds;

/// <summary>An inspection round (巡察轮次): one inspection whose feedback becomes an issue list.</summary>
public class InspectionRound
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public RoundKind Kind { get; set; }

    /// <summary>The inspecting body, e.g. 县委第一巡察组.</summary>
    public string InspectingBody { get; set; } = "";

    /// <summary>The unit whose inspection office runs the rectification of this round.</summary>
    public int OfficeUnitId { get; set; }

    public Organisation.OrgUnit? OfficeUnit { get; set; }

    public DateOnly? InspectionStart { get; set; }

    public DateOnly? InspectionEnd { get; set; }

    public DateOnly FeedbackDate { get; set; }

    public DateOnly RectificationDeadline { get; set; }

    /// <summary>Text of the feedback that is not a problem: overall evaluation, suggestions.</summary>
    public string? Notes { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedById { get; set; } = "";

    public List<RoundInspectedUnit> InspectedUnits { get; set; } = [];

    public List<Aspect> Aspects { get; set; } = [];

    public long Version { get; set; }

    /// <summary>The next aspect's position: after the last one, so "(一)(二)…" never repeats.</summary>
    public int NextAspectOrdinal => Aspects.Count == 0 ? 1 : Aspects.Max(a => a.Ordinal) + 1;

    /// <summary>The next problem's number: problems are numbered continuously across aspects, as feedback documents do.</summary>
    public int NextProblemNumber
    {
        get
        {
            var problems = Aspects.SelectMany(a => a.Problems).ToList();
            return problems.Count == 0 ? 1 : problems.Max(p => p.Number) + 1;
        }
    }

    /// <summary>How many aspects a round may have: the label "(九十九)" is the last one.</summary>
    public const int MaxAspects = 99;

    /// <summary>Why no aspect may be added, or null when one may.</summary>
    public string? AspectRefusal() => NextAspectOrdinal > MaxAspects ? $"一个巡察轮次最多 {MaxAspects} 个方面。" : null;

    /// <summary>Append a new aspect numbered after the last one. Needs <see cref="Aspects"/> loaded.</summary>
    public Aspect AddAspect(string title)
    {
        if (AspectRefusal() is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var aspect = new Aspect { RoundId = Id, Ordinal = NextAspectOrdinal, Title = title };
        Aspects.Add(aspect);
        return aspect;
    }

    /// <summary>Append a new problem to <paramref name="aspect"/>, numbered after the round's last problem. Needs the tree loaded.</summary>
    public Problem AddProblem(Aspect aspect, string title, string text)
    {
        ArgumentNullException.ThrowIfNull(aspect);
        var problem = new Problem { RoundId = Id, Number = NextProblemNumber, Title = title, Text = text };
        aspect.Problems.Add(problem);
        return problem;
    }

    // Correcting the issue list after import. Numbering rule: numbers are the document's and are never
    // recomputed. An aspect keeps its (一)(二)…, a problem keeps its number when its title or text changes
    // or it moves to another aspect (the three-lists workbook and every printed ledger refer to problems
    // by that number), and deleting leaves a gap rather than renumbering what follows. The methods
    // need the tree loaded with each problem's tasks and return the change as the history shows it.

    /// <summary>Changes an aspect's title; returns "标题:old → new".</summary>
    public ChangeList EditAspect(Aspect aspect, string title)
    {
        var own = Own(aspect);
        var changes = new ChangeList().Compare("标题", own.Title, title);
        own.Title = title;
        return changes;
    }

    /// <summary>Changes a problem's title and full text; returns both values, old and new, of each changed field.</summary>
    public ChangeList EditProblem(Problem problem, string title, string text)
    {
        var own = Own(problem);
        var changes = new ChangeList().Compare("标题", own.Title, title).Compare("内容", own.Text, text);
        own.Title = title;
        own.Text = text;
        return changes;
    }

    /// <summary>Moves a problem to another aspect of this round; it keeps its number (see the numbering rule above).</summary>
    public ChangeList MoveProblem(Problem problem, Aspect target)
    {
        var own = Own(problem);
        var to = Own(target);
        var from = AspectOf(own);
        var changes = new ChangeList().Compare("所属方面", from.OrdinalLabel + from.Title, to.OrdinalLabel + to.Title);
        if (!ReferenceEquals(from, to))
        {
            from.Problems.Remove(own);
            to.Problems.Add(own);
            own.AspectId = to.Id;
            own.Aspect = to;
        }

        return changes;
    }

    /// <summary>Why <paramref name="problem"/> may not be deleted, or null when it may (it has no tasks).</summary>
    public static string? ProblemDeletionRefusal(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Tasks.Count > 0
            ? $"问题{problem.Number}已有 {problem.Tasks.Count} 项整改任务,不能删除。如确属误录,请先处理其整改任务。"
            : null;
    }

    /// <summary>Why <paramref name="aspect"/> may not be deleted, or null when none of its problems has tasks.</summary>
    public static string? AspectDeletionRefusal(Aspect aspect)
    {
        ArgumentNullException.ThrowIfNull(aspect);
        var withTasks = aspect.Problems.Where(p => p.Tasks.Count > 0).Select(p => p.Number).Order().ToList();
        return withTasks.Count > 0
            ? $"方面{aspect.OrdinalLabel}下的问题{string.Join("、", withTasks)}已有整改任务,不能删除该方面。"
            : null;
    }

    /// <summary>Removes a problem that has no tasks; the number stays unused (a gap, not a renumbering). Returns what was removed, in full.</summary>
    public string DeleteProblem(Problem problem)
    {
        var own = Own(problem);
        if (ProblemDeletionRefusal(own) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var aspect = AspectOf(own);
        aspect.Problems.Remove(own);
        return Describe(own, aspect);
    }

    /// <summary>Removes an aspect and the problems under it when none has tasks. Returns what was removed, per problem.</summary>
    public (string Aspect, IReadOnlyList<(Problem Problem, string Removed)> Problems) DeleteAspect(Aspect aspect)
    {
        var own = Own(aspect);
        if (AspectDeletionRefusal(own) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var problems = own.Problems.OrderBy(p => p.Number).Select(p => (p, Describe(p, own))).ToList();
        Aspects.Remove(own);
        var numbers = problems.Count == 0 ? "(其下无问题)" : "(含问题" + string.Join("、", problems.Select(p => p.p.Number)) + ")";
        return ($"方面{own.OrdinalLabel}:{own.Title}{numbers}", problems);
    }

    private static string Describe(Problem problem, Aspect aspect) =>
        $"问题{problem.Number}(方面{aspect.OrdinalLabel}{aspect.Title})\n标题:{problem.Title}\n内容:{problem.Text}";

    private Aspect AspectOf(Problem problem) =>
        Aspects.First(a => a.Problems.Contains(problem));

    private Aspect Own(Aspect aspect)
    {
        ArgumentNullException.ThrowIfNull(aspect);
        return Aspects.Contains(aspect) ? aspect : throw new DomainException("该方面不属于本巡察轮次。");
    }

    private Problem Own(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Aspects.Exists(a => a.Problems.Contains(problem)) ? problem : throw new DomainException("该问题不属于本巡察轮次。");
    }
}

public class RoundInspectedUnit
{
    public int RoundId { get; set; }

    public int UnitId { get; set; }
}

public enum RoundKind
{
    Regular,
    Special,
    Mobile,
    LookBack,
    CrossLevel,
}

public static class RoundKindNames
{
    public static string DisplayName(RoundKind kind) => kind switch
    {
        RoundKind.Regular => "常规巡察",
        RoundKind.Special => "专项巡察",
        RoundKind.Mobile => "机动巡察",
        RoundKind.LookBack => "巡察\u201c回头看\u201d",
        RoundKind.CrossLevel => "提级交叉巡察",
        _ => kind.ToString(),
    };
}

/// <summary>An aspect (方面) of the feedback's main problems, e.g. "(一)贯彻落实上级决策部署不到位".</summary>
public class Aspect
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    /// <summary>1-based position; the label "(一)" is derived from it.</summary>
    public int Ordinal { get; set; }

    public string Title { get; set; } = "";

    public List<Problem> Problems { get; set; } = [];

    public string OrdinalLabel => "(" + ChineseNumerals.Format(Ordinal) + ")";
}

/// <summary>A problem (问题), numbered continuously across the aspects of one round.</summary>
public class Problem
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public int AspectId { get; set; }

    public Aspect? Aspect { get; set; }

    /// <summary>
    /// The problem's number in its round, given when it is created and never changed (the numbering rule above);
    /// its tasks keep a copy (<see cref="Tasks.RectificationTask.ProblemNumber"/>).
    /// </summary>
    public int Number { get; init; }

    public string Title { get; set; } = "";

    /// <summary>The full text with its sub-points (一是/二是…).</summary>
    public string Text { get; set; } = "";

    /// <summary>The passage of the feedback document this problem came from.</summary>
    public string? SourceExcerpt { get; set; }

    public List<Tasks.RectificationTask> Tasks { get; set; } = [];

    /// <summary>The next task's number within this problem ("3-2" is the second task of problem 3). Needs <see cref="Tasks"/> loaded.</summary>
    public int NextTaskNumber => Tasks.Count == 0 ? 1 : Tasks.Max(t => t.Number) + 1;
}
