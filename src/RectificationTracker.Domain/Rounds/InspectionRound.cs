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
}
