using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>Every state × every action, against the table of the domain brief (written out here, not read from the code).</summary>
public class TaskStateMachineTests
{
    private static readonly Dictionary<(TaskState From, TaskAction Action), TaskState> Expected = new()
    {
        [(TaskState.Registered, TaskAction.Assign)] = TaskState.InProgress,
        [(TaskState.InProgress, TaskAction.ApplyForClosure)] = TaskState.AwaitingReview,
        [(TaskState.AwaitingReview, TaskAction.ApproveReview)] = TaskState.AwaitingSignOff,
        [(TaskState.AwaitingReview, TaskAction.ReturnFromReview)] = TaskState.InProgress,
        [(TaskState.AwaitingSignOff, TaskAction.SignOff)] = TaskState.Closed,
        [(TaskState.AwaitingSignOff, TaskAction.ReturnFromSignOff)] = TaskState.InProgress,
        [(TaskState.Closed, TaskAction.Reopen)] = TaskState.InProgress,
        [(TaskState.AwaitingReview, TaskAction.Withdraw)] = TaskState.InProgress,
    };

    public static TheoryData<TaskState, TaskAction, TaskState> AllowedMoves()
    {
        var data = new TheoryData<TaskState, TaskAction, TaskState>();
        foreach (var ((from, action), to) in Expected)
        {
            data.Add(from, action, to);
        }

        return data;
    }

    public static TheoryData<TaskState, TaskAction> IllegalMoves()
    {
        var data = new TheoryData<TaskState, TaskAction>();
        foreach (var state in Enum.GetValues<TaskState>())
        {
            foreach (var action in Enum.GetValues<TaskAction>())
            {
                if (!Expected.ContainsKey((state, action)))
                {
                    data.Add(state, action);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_five_states_and_eight_actions_with_eight_moves()
    {
        Assert.Equal(5, Enum.GetValues<TaskState>().Length);
        Assert.Equal(8, Enum.GetValues<TaskAction>().Length);
        Assert.Equal(8, AllowedMoves().Count);
        Assert.Equal(32, IllegalMoves().Count);
    }

    [Fact]
    public void Workflow_table_is_exactly_the_table_of_the_brief()
    {
        var actual = TaskWorkflow.All.ToDictionary(t => (t.From, t.Action), t => t.To);

        Assert.Equal(Expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Allowed_move_by_the_rightful_actor_reaches_the_next_state(TaskState from, TaskAction action, TaskState to)
    {
        var builder = new TaskBuilder();
        var task = builder.In(from);
        var actor = RightfulActor(action);

        var entry = Perform(task, action, actor, builder.Scope);

        Assert.Equal(to, task.State);
        Assert.Equal(action.ToString(), entry.Action);
        Assert.Equal(from.ToString(), entry.FromState);
        Assert.Equal(to.ToString(), entry.ToState);
        Assert.Equal(actor.UserId, entry.ActorId);
        Assert.Equal(StepAtUtc, entry.AtUtc);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Allowed_move_is_reported_as_possible(TaskState from, TaskAction action, TaskState to)
    {
        var scope = new TaskBuilder().Scope;

        Assert.True(TaskWorkflow.TryNext(from, action, out var next));
        Assert.Equal(to, next);
        Assert.True(TaskWorkflow.Can(RightfulActor(action), action, from, scope));
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Illegal_move_throws_in_chinese_and_leaves_the_state_unchanged(TaskState from, TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.In(from);
        var applications = task.Applications.Count;

        var ex = AssertRefused(() => Perform(task, action, RightfulActor(action), builder.Scope));

        Assert.Equal(from, task.State);
        Assert.Equal(applications, task.Applications.Count);
        Assert.Contains(TaskNames.DisplayName(from), ex.Message, StringComparison.Ordinal);
        Assert.Contains(TaskNames.DisplayName(action), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Illegal_move_is_reported_as_impossible_even_for_the_rightful_actor(TaskState from, TaskAction action)
    {
        var scope = new TaskBuilder().Scope;

        Assert.False(TaskWorkflow.TryNext(from, action, out _));
        Assert.False(TaskWorkflow.Can(RightfulActor(action), action, from, scope));
    }

    public static TheoryData<TaskAction> ActionsOtherThanReopen() =>
        new(Enum.GetValues<TaskAction>().Where(a => a != TaskAction.Reopen));

    [Theory]
    [MemberData(nameof(ActionsOtherThanReopen))]
    public void Closed_task_refuses_everything_but_reopen_and_stays_signed(TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.Closed();

        AssertRefused(() => Perform(task, action, RightfulActor(action), builder.Scope));

        Assert.True(task.IsClosed);
        Assert.Equal(TaskBuilder.SignedLocalDate, task.ClosedOn);
        Assert.Equal(Actors.LeadLeader.UserId, task.ClosedById);
        Assert.Single(task.Applications);
    }

    [Fact]
    public void New_task_starts_registered()
    {
        var task = new RectificationTask();

        Assert.Equal(TaskState.Registered, task.State);
        Assert.False(task.IsClosed);
        Assert.Null(task.LatestApplication);
    }

    [Theory]
    [InlineData(TaskState.Registered, "登记")]
    [InlineData(TaskState.InProgress, "整改中")]
    [InlineData(TaskState.AwaitingReview, "待审核")]
    [InlineData(TaskState.AwaitingSignOff, "待审签")]
    [InlineData(TaskState.Closed, "已销号")]
    public void State_has_its_chinese_name(TaskState state, string name) =>
        Assert.Equal(name, TaskNames.DisplayName(state));

    [Theory]
    [InlineData(TaskAction.Assign, "交办")]
    [InlineData(TaskAction.ApplyForClosure, "申请销号")]
    [InlineData(TaskAction.ApproveReview, "审核通过")]
    [InlineData(TaskAction.ReturnFromReview, "审核退回")]
    [InlineData(TaskAction.SignOff, "审签同意")]
    [InlineData(TaskAction.ReturnFromSignOff, "审签退回")]
    [InlineData(TaskAction.Reopen, "重新挂账")]
    [InlineData(TaskAction.Withdraw, "撤回销号申请")]
    public void Action_has_its_chinese_name(TaskAction action, string name) =>
        Assert.Equal(name, TaskNames.DisplayName(action));

    [Theory]
    [InlineData(TaskCategory.Immediate, "立行立改", "已销号")]
    [InlineData(TaskCategory.Deadline, "限期整改", "已销号")]
    [InlineData(TaskCategory.LongTerm, "长期整改", "阶段性销号")]
    public void Category_has_its_chinese_name_and_closed_label(TaskCategory category, string name, string closedLabel)
    {
        Assert.Equal(name, TaskNames.DisplayName(category));
        Assert.Equal(closedLabel, TaskNames.ClosedLabel(category));
    }
}
