using RectificationTracker.Domain.Common;

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

    public int Number { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The full text with its sub-points (一是/二是…).</summary>
    public string Text { get; set; } = "";

    /// <summary>The passage of the feedback document this problem came from.</summary>
    public string? SourceExcerpt { get; set; }

    public List<Tasks.RectificationTask> Tasks { get; set; } = [];

    /// <summary>The next task's number within this problem ("3-2" is the second task of problem 3). Needs <see cref="Tasks"/> loaded.</summary>
    public int NextTaskNumber => Tasks.Count == 0 ? 1 : Tasks.Max(t => t.Number) + 1;
}
