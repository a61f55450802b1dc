using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>
/// A task loaded without its applications (e.g. a query that forgot to include them) must refuse a
/// decision without moving: a refusal never leaves the task half-changed.
/// </summary>
public class MissingApplicationTests
{
    [Theory]
    [InlineData(TaskAction.ApproveReview, TaskState.AwaitingReview)]
    [InlineData(TaskAction.ReturnFromReview, TaskState.AwaitingReview)]
    [InlineData(TaskAction.SignOff, TaskState.AwaitingSignOff)]
    [InlineData(TaskAction.ReturnFromSignOff, TaskState.AwaitingSignOff)]
    public void Decision_on_a_task_without_its_application_is_refused_and_leaves_the_state_unchanged(TaskAction action, TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);
        task.Applications = [];

        var ex = AssertRefused(() => Perform(task, action, RightfulActor(action), builder.Scope));

        Assert.Contains("销号申请", ex.Message, StringComparison.Ordinal);
        Assert.Equal(state, task.State);
        Assert.Null(task.ClosedOn);
    }
}
