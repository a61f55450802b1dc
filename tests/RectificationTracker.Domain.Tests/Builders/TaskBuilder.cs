using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Builders;

/// <summary>
/// Builds a rectification task and brings it to a state by walking the real transitions, exactly as
/// production does: no private state is ever set. The history entries of the walk are kept in
/// <see cref="History"/> (for the task most recently built).
/// </summary>
public sealed class TaskBuilder
{
    public const int TaskId = 42;
    public const int RoundId = 7;
    public const int ResponsibleUnitId = 3;

    /// <summary>When the walk happens: 交办 at <see cref="AssignedAtUtc"/>, the other steps days later.</summary>
    public static readonly DateTime AssignedAtUtc = new(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc);
    public static readonly DateTime AppliedAtUtc = AssignedAtUtc.AddDays(10);
    public static readonly DateTime ReviewedAtUtc = AssignedAtUtc.AddDays(12);
    public static readonly DateTime SignedAtUtc = AssignedAtUtc.AddDays(15);
    public static readonly DateOnly SignedLocalDate = DateOnly.FromDateTime(SignedAtUtc.AddHours(8));
    public static readonly DateTime ReopenedAtUtc = AssignedAtUtc.AddDays(60);
    public static readonly DateOnly DefaultDeadline = new(2026, 6, 30);

    private TaskCategory category = TaskCategory.Deadline;
    private DateOnly? deadline = DefaultDeadline;
    private string? leadLeaderId = Actors.LeadLeader.UserId;
    private int? responsibleUnitId = ResponsibleUnitId;
    private string? responsibleUnitPath = Actors.ResponsibleUnitPath;
    private string? responsiblePersonId = Actors.ResponsiblePerson.UserId;

    /// <summary>The history entries returned by the transitions of the last walk, in order.</summary>
    public List<HistoryEntry> History { get; } = [];

    /// <summary>The facts the workflow checks authority against, matching the built task.</summary>
    public TaskScope Scope => new(
        Actors.OfficeUnitPath,
        responsibleUnitPath,
        [Actors.CooperatingUnitPath],
        leadLeaderId,
        responsiblePersonId);

    public TaskBuilder WithCategory(TaskCategory value, DateOnly? deadlineValue)
    {
        category = value;
        deadline = deadlineValue;
        return this;
    }

    public TaskBuilder WithoutDeadline()
    {
        deadline = null;
        return this;
    }

    public TaskBuilder WithoutLeadLeader()
    {
        leadLeaderId = null;
        return this;
    }

    public TaskBuilder WithoutResponsibleUnit()
    {
        responsibleUnitId = null;
        responsibleUnitPath = null;
        return this;
    }

    public TaskBuilder WithoutResponsiblePerson()
    {
        responsiblePersonId = null;
        return this;
    }

    /// <summary>登记: entered from the feedback, not yet assigned.</summary>
    public RectificationTask Registered()
    {
        History.Clear();
        return new RectificationTask
        {
            Id = TaskId,
            RoundId = RoundId,
            ProblemId = 5,
            Number = 1,
            Measure = "开展专项清理,修订财务报销管理办法",
            Category = category,
            LeadLeaderId = leadLeaderId,
            LeadLeaderName = leadLeaderId is null ? null : Actors.LeadLeader.Name,
            ResponsibleUnitId = responsibleUnitId,
            ResponsiblePersonId = responsiblePersonId,
            ResponsiblePersonName = responsiblePersonId is null ? null : Actors.ResponsiblePerson.Name,
            Deadline = deadline,
            CreatedAtUtc = AssignedAtUtc.AddDays(-3),
        };
    }

    /// <summary>整改中: assigned by the office.</summary>
    public RectificationTask InProgress()
    {
        var task = Registered();
        History.Add(task.Assign(Actors.Office, Scope, AssignedAtUtc));
        return task;
    }

    /// <summary>待审核: the responsible unit applied for closure with one evidence file.</summary>
    public RectificationTask AwaitingReview()
    {
        var task = InProgress();
        History.Add(task.ApplyForClosure(Actors.UnitUser, Scope, Application(), AppliedAtUtc));
        return task;
    }

    /// <summary>待审签: the office approved the application.</summary>
    public RectificationTask AwaitingSignOff()
    {
        var task = AwaitingReview();
        History.Add(task.ApproveReview(Actors.Office, Scope, "材料齐全,对账无误", ReviewedAtUtc));
        return task;
    }

    /// <summary>已销号: the lead leader signed.</summary>
    public RectificationTask Closed()
    {
        var task = AwaitingSignOff();
        History.Add(task.SignOff(Actors.LeadLeader, Scope, "同意销号", SignedAtUtc, SignedLocalDate));
        return task;
    }

    /// <summary>整改中 again: the office returned the application.</summary>
    public RectificationTask ReturnedFromReview()
    {
        var task = AwaitingReview();
        History.Add(task.ReturnFromReview(Actors.Office, Scope, "佐证材料不完整", ReviewedAtUtc));
        return task;
    }

    /// <summary>整改中 again: the lead leader returned the application.</summary>
    public RectificationTask ReturnedFromSignOff()
    {
        var task = AwaitingSignOff();
        History.Add(task.ReturnFromSignOff(Actors.LeadLeader, Scope, "整改成效不明显", SignedAtUtc));
        return task;
    }

    /// <summary>整改中 again: a closed task put back on the ledger.</summary>
    public RectificationTask Reopened()
    {
        var task = Closed();
        History.Add(task.Reopen(Actors.Office, Scope, "巡察回头看发现问题反弹", ReopenedAtUtc));
        return task;
    }

    /// <summary>A task in <paramref name="state"/>, reached by the shortest real path.</summary>
    public RectificationTask In(TaskState state) => state switch
    {
        TaskState.Registered => Registered(),
        TaskState.InProgress => InProgress(),
        TaskState.AwaitingReview => AwaitingReview(),
        TaskState.AwaitingSignOff => AwaitingSignOff(),
        TaskState.Closed => Closed(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>A valid closure application: a summary, outcome figures and <paramref name="evidenceCount"/> files.</summary>
    public static ClosureApplication Application(string summary = "已修订《财务报销管理办法》,清退违规报销款项", int evidenceCount = 1)
    {
        var application = new ClosureApplication
        {
            Summary = summary,
            FundsRecoveredWan = 3.6m,
            PeopleHeldAccountable = 2,
            AccountabilityKinds = "诫勉谈话",
            RulesMade = [new RuleMade { Title = "财务报销管理办法", IsRevision = true, IssuedOn = new DateOnly(2026, 3, 10) }],
        };
        for (var i = 1; i <= evidenceCount; i++)
        {
            application.Evidence.Add(Evidence($"整改佐证{i}.pdf"));
        }

        return application;
    }

    public static EvidenceFile Evidence(string fileName) => new()
    {
        TaskId = TaskId,
        FileName = fileName,
        ContentType = "application/pdf",
        Kind = "制度文件",
        Size = 1_048_576,
        Sha256 = new string('a', 64),
        UploadedAtUtc = AssignedAtUtc.AddDays(5),
        UploadedById = Actors.UnitUser.UserId,
        UploadedByName = Actors.UnitUser.Name,
    };
}
