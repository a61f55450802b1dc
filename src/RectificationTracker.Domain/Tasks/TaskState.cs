namespace RectificationTracker.Domain.Tasks;

/// <summary>The state of a rectification task. Overdue is not a state: see <see cref="TaskLights"/>.</summary>
public enum TaskState
{
    Registered,
    InProgress,
    AwaitingReview,
    AwaitingSignOff,
    Closed,
}

public enum TaskAction
{
    /// <summary>交办: owner, lead leader, deadline and category are set; rectification starts.</summary>
    Assign,

    /// <summary>申请销号.</summary>
    ApplyForClosure,

    /// <summary>审核通过 (inspection office).</summary>
    ApproveReview,

    /// <summary>退回 (inspection office, reason required).</summary>
    ReturnFromReview,

    /// <summary>审签同意 (the task's lead leader).</summary>
    SignOff,

    /// <summary>审签退回 (the task's lead leader, reason required).</summary>
    ReturnFromSignOff,

    /// <summary>重新挂账 (inspection office, reason required).</summary>
    Reopen,

    /// <summary>撤回申请: the owner takes back an application still awaiting review (reason optional).</summary>
    Withdraw,
}

/// <summary>整改类型.</summary>
public enum TaskCategory
{
    Immediate,
    Deadline,
    LongTerm,
}

public static class TaskNames
{
    public static string DisplayName(TaskState state) => state switch
    {
        TaskState.Registered => "登记",
        TaskState.InProgress => "整改中",
        TaskState.AwaitingReview => "待审核",
        TaskState.AwaitingSignOff => "待审签",
        TaskState.Closed => "已销号",
        _ => state.ToString(),
    };

    public static string DisplayName(TaskAction action) => action switch
    {
        TaskAction.Assign => "交办",
        TaskAction.ApplyForClosure => "申请销号",
        TaskAction.ApproveReview => "审核通过",
        TaskAction.ReturnFromReview => "审核退回",
        TaskAction.SignOff => "审签同意",
        TaskAction.ReturnFromSignOff => "审签退回",
        TaskAction.Reopen => "重新挂账",
        TaskAction.Withdraw => "撤回销号申请",
        _ => action.ToString(),
    };

    public static string DisplayName(TaskCategory category) => category switch
    {
        TaskCategory.Immediate => "立行立改",
        TaskCategory.Deadline => "限期整改",
        TaskCategory.LongTerm => "长期整改",
        _ => category.ToString(),
    };

    /// <summary>How a closed task reads: a long-term task closes as a stage (阶段性销号) and continues.</summary>
    public static string ClosedLabel(TaskCategory category) =>
        category == TaskCategory.LongTerm ? "阶段性销号" : "已销号";

    /// <summary>A task's state as people read it: <see cref="ClosedLabel"/> when closed, else the state's name.</summary>
    public static string StateLabel(TaskState state, TaskCategory category) =>
        state == TaskState.Closed ? ClosedLabel(category) : DisplayName(state);
}
