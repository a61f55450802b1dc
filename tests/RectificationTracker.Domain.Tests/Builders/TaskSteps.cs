using System.Text.RegularExpressions;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Builders;

/// <summary>Takes any <see cref="TaskAction"/> through the task's own method, with otherwise valid input.</summary>
public static partial class TaskSteps
{
    public const string Reason = "材料不足以证明整改到位";

    public static readonly DateTime StepAtUtc = new(2026, 4, 20, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>Who normally takes each action: the office, the responsible unit or the lead leader.</summary>
    public static Actor RightfulActor(TaskAction action) => action switch
    {
        TaskAction.Assign or TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.Reopen => Actors.Office,
        TaskAction.ApplyForClosure or TaskAction.Withdraw => Actors.UnitUser,
        TaskAction.SignOff or TaskAction.ReturnFromSignOff => Actors.LeadLeader,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static HistoryEntry Perform(RectificationTask task, TaskAction action, Actor actor, TaskScope scope, string reason = Reason) =>
        action switch
        {
            TaskAction.Assign => task.Assign(actor, scope, StepAtUtc),
            TaskAction.ApplyForClosure => task.ApplyForClosure(actor, scope, TaskBuilder.Application(), StepAtUtc),
            TaskAction.ApproveReview => task.ApproveReview(actor, scope, null, StepAtUtc),
            TaskAction.ReturnFromReview => task.ReturnFromReview(actor, scope, reason, StepAtUtc),
            TaskAction.SignOff => task.SignOff(actor, scope, null, StepAtUtc, DateOnly.FromDateTime(StepAtUtc)),
            TaskAction.ReturnFromSignOff => task.ReturnFromSignOff(actor, scope, reason, StepAtUtc),
            TaskAction.Reopen => task.Reopen(actor, scope, reason, StepAtUtc),
            TaskAction.Withdraw => task.Withdraw(actor, scope, reason, StepAtUtc),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

    /// <summary>Asserts that <paramref name="act"/> is refused with a user-facing Chinese message.</summary>
    public static DomainException AssertRefused(Action act)
    {
        var ex = Assert.Throws<DomainException>(act);
        AssertChinese(ex.Message);
        return ex;
    }

    public static void AssertChinese(string message) =>
        Assert.True(ChineseText().IsMatch(message), $"Expected a Chinese message, got \"{message}\".");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseText();
}
