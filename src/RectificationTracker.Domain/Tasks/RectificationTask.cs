using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;

namespace RectificationTracker.Domain.Tasks;

/// <summary>
/// A rectification task (整改任务/措施) of a problem. State changes only through the methods below,
/// each of which checks <see cref="TaskWorkflow"/> and returns the history entry to append.
/// </summary>
public class RectificationTask
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public InspectionRound? Round { get; set; }

    public int ProblemId { get; set; }

    public Problem? Problem { get; set; }

    /// <summary>
    /// The number of the task's problem (<see cref="Rounds.Problem.Number"/>), kept on the task so that the ledger's
    /// order (round, problem number, task number) is an index of the task table alone (issue 14). Problem numbers
    /// are never recomputed (the numbering rule in <see cref="InspectionRound"/>) and a task never changes problem,
    /// so the copy is taken once, by <see cref="TakeProblemNumber"/>, which the database context calls for every
    /// task it inserts.
    /// </summary>
    public int ProblemNumber { get; private set; }

    /// <summary>Copies <paramref name="problem"/>'s number onto the task; the problem must be the task's own.</summary>
    public void TakeProblemNumber(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (Problem is { } own && !ReferenceEquals(own, problem))
        {
            throw new InvalidOperationException($"Task {Id} belongs to problem {own.Id}, not {problem.Id}.");
        }

        if (Problem is null && ProblemId != 0 && problem.Id != 0 && ProblemId != problem.Id)
        {
            throw new InvalidOperationException($"Task {Id} belongs to problem {ProblemId}, not {problem.Id}.");
        }

        ProblemNumber = problem.Number;
    }

    /// <summary>Task number within its problem (1, 2, …); with the problem number it identifies a row of the three lists.</summary>
    public int Number { get; set; }

    public string Measure { get; set; } = "";

    public TaskCategory Category { get; set; }

    public string? LeadLeaderId { get; set; }

    public string? LeadLeaderName { get; set; }

    public int? ResponsibleUnitId { get; set; }

    public OrgUnit? ResponsibleUnit { get; set; }

    public List<TaskCooperatingUnit> CooperatingUnits { get; set; } = [];

    public string? ResponsiblePersonId { get; set; }

    public string? ResponsiblePersonName { get; set; }

    public DateOnly? Deadline { get; set; }

    public TaskState State { get; private set; } = TaskState.Registered;

    public DateTime? AssignedAtUtc { get; private set; }

    public DateTime? LastProgressAtUtc { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public string? ClosedById { get; private set; }

    public string? ClosedByName { get; private set; }

    /// <summary>How many times the task has been closed and reopened.</summary>
    public int ReopenCount { get; private set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token: changed on every write.</summary>
    public long Version { get; set; }

    public List<ClosureApplication> Applications { get; set; } = [];

    public List<ProgressUpdate> ProgressUpdates { get; set; } = [];

    public List<EvidenceFile> Evidence { get; set; } = [];

    /// <summary>催办 records, oldest first.</summary>
    public List<Urging> Urgings { get; set; } = [];

    public bool IsClosed => State == TaskState.Closed;

    /// <summary>Evidence is frozen once the task is closed.</summary>
    public bool EvidenceFrozen => State is TaskState.Closed;

    /// <summary>
    /// 交办: the assignment must name a lead leader, a responsible unit and (except for long-term work) a deadline.
    /// </summary>
    public HistoryEntry Assign(Actor actor, TaskScope scope, DateTime nowUtc)
    {
        if (LeadLeaderId is null || ResponsibleUnitId is null)
        {
            throw new DomainException("交办前须明确牵头领导和责任单位。");
        }

        if (Deadline is null && Category != TaskCategory.LongTerm)
        {
            throw new DomainException("交办前须明确整改时限。");
        }

        var entry = Move(TaskAction.Assign, actor, scope, nowUtc, reason: null);
        AssignedAtUtc = nowUtc;
        LastProgressAtUtc = nowUtc; // the 14-day "no progress" clock starts at assignment
        return entry;
    }

    /// <summary>申请销号 with a summary and at least one evidence file.</summary>
    public HistoryEntry ApplyForClosure(Actor actor, TaskScope scope, ClosureApplication application, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrWhiteSpace(application.Summary))
        {
            throw new DomainException("申请销号须填写整改情况说明。");
        }

        if (application.Evidence.Count == 0)
        {
            throw new DomainException("申请销号须至少上传一份佐证材料。");
        }

        var foreign = application.Evidence.FirstOrDefault(e => !Evidence.Contains(e) && e.TaskId != Id);
        if (foreign is not null)
        {
            throw new DomainException($"佐证材料“{foreign.FileName}”不属于该任务,不能用于本次申请。");
        }

        var carried = application.Evidence.Count(e => Applications.Any(a => a.Evidence.Contains(e)));
        var entry = Move(TaskAction.ApplyForClosure, actor, scope, nowUtc, reason: null);
        // The files the application holds are frozen in the history record too: the sign-off sheet and the ledger read them back.
        entry.Details = ApplicationEvidence.Describe(application.Evidence, carried);
        application.Attempt = Applications.Count + 1;
        application.SubmittedAtUtc = nowUtc;
        application.SubmittedById = actor.UserId;
        application.SubmittedByName = actor.Name;
        Applications.Add(application);
        LastProgressAtUtc = nowUtc;
        return entry;
    }

    public HistoryEntry ApproveReview(Actor actor, TaskScope scope, string? comment, DateTime nowUtc)
    {
        var entry = Move(TaskAction.ApproveReview, actor, scope, nowUtc, comment);
        CurrentApplication().RecordReview(actor, approved: true, comment, nowUtc);
        return entry;
    }

    public HistoryEntry ReturnFromReview(Actor actor, TaskScope scope, string reason, DateTime nowUtc)
    {
        var entry = Move(TaskAction.ReturnFromReview, actor, scope, nowUtc, reason);
        CurrentApplication().RecordReview(actor, approved: false, reason, nowUtc);
        LastProgressAtUtc = nowUtc; // rework starts a fresh 14-day clock
        return entry;
    }

    /// <summary>审签同意: the task closes on <paramref name="localDate"/> (the office's local calendar date).</summary>
    public HistoryEntry SignOff(Actor actor, TaskScope scope, string? comment, DateTime nowUtc, DateOnly localDate)
    {
        var entry = Move(TaskAction.SignOff, actor, scope, nowUtc, comment);
        CurrentApplication().RecordSignOff(actor, approved: true, comment, nowUtc);
        ClosedOn = localDate;
        ClosedById = actor.UserId;
        ClosedByName = actor.Name;
        return entry;
    }

    public HistoryEntry ReturnFromSignOff(Actor actor, TaskScope scope, string reason, DateTime nowUtc)
    {
        var entry = Move(TaskAction.ReturnFromSignOff, actor, scope, nowUtc, reason);
        CurrentApplication().RecordSignOff(actor, approved: false, reason, nowUtc);
        LastProgressAtUtc = nowUtc;
        return entry;
    }

    /// <summary>撤回: the owner takes back an application still awaiting review; the task is in progress again.</summary>
    public HistoryEntry Withdraw(Actor actor, TaskScope scope, string? reason, DateTime nowUtc)
    {
        var entry = Move(TaskAction.Withdraw, actor, scope, nowUtc, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        CurrentApplication().RecordWithdrawal(actor, nowUtc);
        LastProgressAtUtc = nowUtc;
        return entry;
    }

    /// <summary>
    /// The files of this task an application is to hold, by id: new uploads and files carried forward from earlier
    /// (returned or withdrawn) applications alike. Refused when an id is not one of this task's files.
    /// </summary>
    public List<EvidenceFile> EvidenceForApplication(IReadOnlyCollection<int> evidenceIds)
    {
        ArgumentNullException.ThrowIfNull(evidenceIds);
        var chosen = Evidence.Where(e => evidenceIds.Contains(e.Id)).OrderBy(e => e.Id).ToList();
        if (chosen.Count != evidenceIds.Distinct().Count())
        {
            throw new DomainException("所选佐证材料不属于该任务或已被删除,请刷新后重新选择。");
        }

        return chosen;
    }

    /// <summary>Why the actor may not urge this task now (Chinese), or null: see <see cref="UrgingRules.Refusal"/>.</summary>
    public string? UrgeRefusal(Actor actor, TaskScope scope, UrgingPolicy policy, DateTime nowUtc, Func<DateTime, DateOnly> localDate)
    {
        ArgumentNullException.ThrowIfNull(localDate);
        return UrgingRules.Refusal(actor, scope, State, Deadline, LastProgressAtUtc is { } at ? localDate(at) : null, localDate(nowUtc), policy);
    }

    public bool CanUrge(Actor actor, TaskScope scope, UrgingPolicy policy, DateTime nowUtc, Func<DateTime, DateOnly> localDate) =>
        UrgeRefusal(actor, scope, policy, nowUtc, localDate) is null;

    /// <summary>催办: records the urging (it does not change the state or the 14-day clock) and returns its history record.</summary>
    public HistoryEntry Urge(Actor actor, TaskScope scope, string message, UrgingPolicy policy, DateTime nowUtc, Func<DateTime, DateOnly> localDate)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(localDate);
        if (UrgeRefusal(actor, scope, policy, nowUtc, localDate) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var text = UrgingRules.CheckedMessage(message);
        var ground = UrgingRules.Ground(State, Deadline, LastProgressAtUtc is { } at ? localDate(at) : null, localDate(nowUtc), policy)!.Value;
        var urging = new Urging
        {
            AtUtc = nowUtc,
            ById = actor.UserId,
            ByName = actor.Name,
            Message = text,
            Ground = ground,
            ToUnitName = ResponsibleUnit?.Name,
            ToPersonName = ResponsiblePersonName,
        };
        Urgings.Add(urging);
        var to = string.Join(" / ", new[] { urging.ToUnitName, urging.ToPersonName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return HistoryEntry.ForTask(this, actor, nowUtc, HistoryActions.Urge, null, null, text,
            details: $"催办({UrgingRules.DisplayName(ground)},第 {Urgings.Count} 次)" + (to.Length > 0 ? ":" + to : ""));
    }

    /// <summary>重新挂账: a closed task goes back on the ledger, e.g. after a 回头看 finds it again.</summary>
    public HistoryEntry Reopen(Actor actor, TaskScope scope, string reason, DateTime nowUtc)
    {
        var entry = Move(TaskAction.Reopen, actor, scope, nowUtc, reason);
        ClosedOn = null;
        ClosedById = null;
        ClosedByName = null;
        ReopenCount++;
        LastProgressAtUtc = nowUtc; // the reopened work starts a fresh 14-day clock
        return entry;
    }

    /// <summary>整改进展: only the owner, only while rectification is under way. Null when allowed, else why not.</summary>
    public string? ProgressRefusal(Actor actor, TaskScope scope)
    {
        if (!TaskWorkflow.IsOwner(actor, scope))
        {
            return "只有责任单位人员可以报送整改进展。";
        }

        return State is TaskState.InProgress or TaskState.AwaitingReview or TaskState.AwaitingSignOff
            ? null
            : $"任务当前状态为“{TaskNames.DisplayName(State)}”,不能报送整改进展。";
    }

    public bool CanReportProgress(Actor actor, TaskScope scope) => ProgressRefusal(actor, scope) is null;

    /// <summary>Evidence: the owner or the round's office, after assignment and until closure (then frozen). Null when allowed.</summary>
    public string? EvidenceRefusal(Actor actor, TaskScope scope)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        if (EvidenceFrozen)
        {
            return "任务已销号,佐证材料已冻结,不能再上传。";
        }

        if (!TaskWorkflow.IsOwner(actor, scope) && !TaskWorkflow.RunsRound(actor, scope))
        {
            return "只有责任单位或巡察办人员可以上传佐证材料。";
        }

        return State == TaskState.Registered ? "任务尚未交办,不能上传佐证材料。" : null;
    }

    public bool CanAddEvidence(Actor actor, TaskScope scope) => EvidenceRefusal(actor, scope) is null;

    /// <summary>Attach an evidence file; refused (<see cref="DomainException"/>) unless <see cref="EvidenceRefusal"/> allows it.</summary>
    public void AddEvidence(Actor actor, TaskScope scope, EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (EvidenceRefusal(actor, scope) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        Evidence.Add(file);
    }

    /// <summary>The office running the round edits the task's fields until it is closed. Null when allowed.</summary>
    public string? EditRefusal(Actor actor, TaskScope scope)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        if (!TaskWorkflow.RunsRound(actor, scope))
        {
            return "只有负责该轮次的巡察办人员可以修改整改任务。";
        }

        return State == TaskState.Closed ? "任务已销号,不能修改;如需继续整改,请先“重新挂账”。" : null;
    }

    public bool CanEdit(Actor actor, TaskScope scope) => EditRefusal(actor, scope) is null;

    /// <summary>Record a progress report; refused (<see cref="DomainException"/>) unless <see cref="ProgressRefusal"/> allows it.</summary>
    public void RecordProgress(Actor actor, TaskScope scope, ProgressUpdate update, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (ProgressRefusal(actor, scope) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        update.CreatedAtUtc = nowUtc;
        ProgressUpdates.Add(update);
        LastProgressAtUtc = nowUtc;
    }

    public ClosureApplication? LatestApplication =>
        Applications.Count == 0 ? null : Applications.MaxBy(a => a.Attempt);

    private ClosureApplication CurrentApplication() =>
        LatestApplication ?? throw new DomainException("该任务没有销号申请。");

    private HistoryEntry Move(TaskAction action, Actor actor, TaskScope scope, DateTime nowUtc, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (TaskWorkflow.Refusal(actor, action, State, scope) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        TaskWorkflow.TryNext(State, action, out var next);

        if (TaskWorkflow.RequiresReason(action) && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException($"“{TaskNames.DisplayName(action)}”须填写理由。");
        }

        // Decisions are recorded on the application after the move: check it exists before moving, so
        // a refusal never leaves the task in the new state.
        if (action is TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.SignOff or TaskAction.ReturnFromSignOff)
        {
            _ = CurrentApplication();
        }

        var from = State;
        State = next;
        return HistoryEntry.ForTask(this, actor, nowUtc, action.ToString(), from, next, reason);
    }
}

public class TaskCooperatingUnit
{
    public int TaskId { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }
}
