using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>What each step needs: a reason to return or reopen, a summary and evidence to apply, a leader, unit and deadline to assign.</summary>
public class TaskInputRulesTests
{
    public static TheoryData<TaskAction, string> ReasonActionsWithBlankReasons()
    {
        var data = new TheoryData<TaskAction, string>();
        foreach (var action in new[] { TaskAction.ReturnFromReview, TaskAction.ReturnFromSignOff, TaskAction.Reopen })
        {
            foreach (var blank in new[] { "", " ", "   ", "\t", "\r\n", "\u3000" })
            {
                data.Add(action, blank);
            }
        }

        return data;
    }

    private static TaskState FromState(TaskAction action) => action switch
    {
        TaskAction.ReturnFromReview => TaskState.AwaitingReview,
        TaskAction.ReturnFromSignOff => TaskState.AwaitingSignOff,
        TaskAction.Reopen => TaskState.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Theory]
    [MemberData(nameof(ReasonActionsWithBlankReasons))]
    public void Returning_or_reopening_without_a_reason_is_refused(TaskAction action, string blank)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));
        var application = task.LatestApplication!;
        var reviewed = application.ReviewApproved;
        var signed = application.SignOffApproved;

        var ex = AssertRefused(() => Perform(task, action, RightfulActor(action), builder.Scope, blank));

        Assert.Contains("理由", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FromState(action), task.State);
        Assert.Equal(reviewed, application.ReviewApproved);
        Assert.Equal(signed, application.SignOffApproved);
    }

    [Theory]
    [InlineData(TaskAction.ReturnFromReview)]
    [InlineData(TaskAction.ReturnFromSignOff)]
    [InlineData(TaskAction.Reopen)]
    public void Returning_or_reopening_with_a_null_reason_is_refused(TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));

        AssertRefused(() => Perform(task, action, RightfulActor(action), builder.Scope, null!));

        Assert.Equal(FromState(action), task.State);
    }

    [Theory]
    [InlineData(TaskAction.ReturnFromReview)]
    [InlineData(TaskAction.ReturnFromSignOff)]
    [InlineData(TaskAction.Reopen)]
    public void Reason_is_required_for_returns_and_reopen(TaskAction action) =>
        Assert.True(TaskWorkflow.RequiresReason(action));

    [Theory]
    [InlineData(TaskAction.Assign)]
    [InlineData(TaskAction.ApplyForClosure)]
    [InlineData(TaskAction.ApproveReview)]
    [InlineData(TaskAction.SignOff)]
    public void Reason_is_optional_for_forward_moves(TaskAction action) =>
        Assert.False(TaskWorkflow.RequiresReason(action));

    [Fact]
    public void Approval_and_sign_off_may_have_no_comment()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingReview();

        var approved = task.ApproveReview(Actors.Office, builder.Scope, null, StepAtUtc);
        var signed = task.SignOff(Actors.LeadLeader, builder.Scope, "  ", StepAtUtc, new DateOnly(2026, 4, 20));

        Assert.Null(approved.Reason);
        Assert.Equal("  ", signed.Reason);
        Assert.Equal(TaskState.Closed, task.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Application_without_a_summary_is_refused(string summary)
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var ex = AssertRefused(() => task.ApplyForClosure(Actors.UnitUser, builder.Scope, TaskBuilder.Application(summary), StepAtUtc));

        Assert.Contains("整改情况说明", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Empty(task.Applications);
    }

    [Fact]
    public void Application_without_evidence_is_refused()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var ex = AssertRefused(() => task.ApplyForClosure(Actors.UnitUser, builder.Scope, TaskBuilder.Application(evidenceCount: 0), StepAtUtc));

        Assert.Contains("佐证材料", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Empty(task.Applications);
    }

    [Fact]
    public void Application_must_not_be_null()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        Assert.Throws<ArgumentNullException>(() => task.ApplyForClosure(Actors.UnitUser, builder.Scope, null!, StepAtUtc));
        Assert.Equal(TaskState.InProgress, task.State);
    }

    [Fact]
    public void Application_records_who_submitted_it_and_when()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var application = TaskBuilder.Application(evidenceCount: 3);

        task.ApplyForClosure(Actors.ResponsiblePerson, builder.Scope, application, StepAtUtc);

        Assert.Same(application, task.LatestApplication);
        Assert.Equal(1, application.Attempt);
        Assert.Equal(StepAtUtc, application.SubmittedAtUtc);
        Assert.Equal(Actors.ResponsiblePerson.UserId, application.SubmittedById);
        Assert.Equal(Actors.ResponsiblePerson.Name, application.SubmittedByName);
        Assert.Equal(3, application.Evidence.Count);
        Assert.Equal(StepAtUtc, task.LastProgressAtUtc);
    }

    [Fact]
    public void Assign_without_a_lead_leader_is_refused()
    {
        var builder = new TaskBuilder().WithoutLeadLeader();
        var task = builder.Registered();

        var ex = AssertRefused(() => task.Assign(Actors.Office, builder.Scope, StepAtUtc));

        Assert.Contains("牵头领导", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.Registered, task.State);
        Assert.Null(task.AssignedAtUtc);
    }

    [Fact]
    public void Assign_without_a_responsible_unit_is_refused()
    {
        var builder = new TaskBuilder().WithoutResponsibleUnit();
        var task = builder.Registered();

        var ex = AssertRefused(() => task.Assign(Actors.Office, builder.Scope, StepAtUtc));

        Assert.Contains("责任单位", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.Registered, task.State);
    }

    [Theory]
    [InlineData(TaskCategory.Immediate)]
    [InlineData(TaskCategory.Deadline)]
    public void Assign_without_a_deadline_is_refused_unless_long_term(TaskCategory category)
    {
        var builder = new TaskBuilder().WithCategory(category, null);
        var task = builder.Registered();

        var ex = AssertRefused(() => task.Assign(Actors.Office, builder.Scope, StepAtUtc));

        Assert.Contains("整改时限", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.Registered, task.State);
        Assert.Null(task.LastProgressAtUtc);
    }

    [Fact]
    public void Long_term_task_may_be_assigned_without_a_deadline()
    {
        var builder = new TaskBuilder().WithCategory(TaskCategory.LongTerm, null);
        var task = builder.Registered();

        task.Assign(Actors.Office, builder.Scope, StepAtUtc);

        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Null(task.Deadline);
    }

    [Fact]
    public void Assign_starts_the_no_progress_clock()
    {
        var builder = new TaskBuilder();
        var task = builder.Registered();

        var entry = task.Assign(Actors.Office, builder.Scope, StepAtUtc);

        Assert.Equal(StepAtUtc, task.AssignedAtUtc);
        Assert.Equal(StepAtUtc, task.LastProgressAtUtc);
        Assert.Null(entry.Reason);
    }

    [Fact]
    public void Complete_assignment_by_an_unauthorised_actor_is_still_refused()
    {
        var builder = new TaskBuilder();
        var task = builder.Registered();

        AssertRefused(() => task.Assign(Actors.UnitUser, builder.Scope, StepAtUtc));

        Assert.Equal(TaskState.Registered, task.State);
        Assert.Null(task.AssignedAtUtc);
    }
}
