using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>撤回 (the owner takes back an application awaiting review) and evidence carried forward to the next application.</summary>
public class WithdrawAndCarriedEvidenceTests
{
    [Fact]
    public void Owner_withdraws_an_application_awaiting_review_and_the_task_is_in_progress_again()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingReview();

        var entry = task.Withdraw(Actors.UnitUser, builder.Scope, "发现材料有误,撤回补充", StepAtUtc);

        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Equal((nameof(TaskAction.Withdraw), "AwaitingReview", "InProgress", "发现材料有误,撤回补充"),
            (entry.Action, entry.FromState, entry.ToState, entry.Reason));
        var application = task.LatestApplication!;
        Assert.True(application.Withdrawn);
        Assert.False(application.Returned);
        Assert.Equal(Actors.UnitUser.Name, application.WithdrawnByName);
    }

    [Fact]
    public void Withdrawal_needs_no_reason()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingReview();

        var entry = task.Withdraw(Actors.ResponsiblePerson, builder.Scope, "  ", StepAtUtc);

        Assert.Null(entry.Reason);
        Assert.Equal(TaskState.InProgress, task.State);
    }

    [Theory]
    [InlineData(TaskState.InProgress)]
    [InlineData(TaskState.AwaitingSignOff)]
    [InlineData(TaskState.Closed)]
    public void Once_reviewed_or_before_applying_there_is_nothing_to_withdraw(TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);

        var ex = AssertRefused(() => task.Withdraw(Actors.UnitUser, builder.Scope, null, StepAtUtc));

        Assert.Contains("撤回销号申请", ex.Message, StringComparison.Ordinal);
        Assert.Equal(state, task.State);
    }

    [Fact]
    public void The_office_cannot_withdraw_the_units_application()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingReview();

        AssertRefused(() => task.Withdraw(Actors.Office, builder.Scope, null, StepAtUtc));

        Assert.Equal(TaskState.AwaitingReview, task.State);
        Assert.False(task.LatestApplication!.Withdrawn);
    }

    [Fact]
    public void After_a_return_the_next_application_carries_the_earlier_files_and_adds_a_new_one()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var first = TaskBuilder.Evidence("整改报告.pdf");
        first.Id = 1;
        var second = TaskBuilder.Evidence("制度文件.pdf");
        second.Id = 2;
        task.Evidence.AddRange([first, second]);
        var apply1 = TaskBuilder.Application(evidenceCount: 0);
        apply1.Evidence.AddRange(task.EvidenceForApplication([1, 2]));
        task.ApplyForClosure(Actors.UnitUser, builder.Scope, apply1, TaskBuilder.AppliedAtUtc);
        task.ReturnFromReview(Actors.Office, builder.Scope, "缺少清退凭证", TaskBuilder.ReviewedAtUtc);
        var receipt = TaskBuilder.Evidence("清退凭证.pdf");
        receipt.Id = 3;
        task.Evidence.Add(receipt);

        var apply2 = TaskBuilder.Application(evidenceCount: 0);
        apply2.Evidence.AddRange(task.EvidenceForApplication([2, 3, 1]));
        var entry = task.ApplyForClosure(Actors.UnitUser, builder.Scope, apply2, TaskBuilder.ReviewedAtUtc.AddDays(1));

        Assert.Equal(TaskState.AwaitingReview, task.State);
        Assert.Equal([1, 2, 3], task.LatestApplication!.Evidence.Select(e => e.Id));
        Assert.Equal([1, 2], task.Applications.Single(a => a.Attempt == 1).Evidence.Select(e => e.Id));
        Assert.Equal("佐证材料 3 份(沿用此前申请 2 份、新增 1 份):整改报告.pdf、制度文件.pdf、清退凭证.pdf", entry.Details);
    }

    [Fact]
    public void Carrying_forward_after_a_withdrawal_works_too()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var file = TaskBuilder.Evidence("整改报告.pdf");
        file.Id = 9;
        task.Evidence.Add(file);
        var apply1 = TaskBuilder.Application(evidenceCount: 0);
        apply1.Evidence.AddRange(task.EvidenceForApplication([9]));
        task.ApplyForClosure(Actors.UnitUser, builder.Scope, apply1, TaskBuilder.AppliedAtUtc);
        task.Withdraw(Actors.UnitUser, builder.Scope, null, TaskBuilder.AppliedAtUtc.AddHours(1));

        var apply2 = TaskBuilder.Application("补充说明后重新申请", evidenceCount: 0);
        apply2.Evidence.AddRange(task.EvidenceForApplication([9]));
        var entry = task.ApplyForClosure(Actors.UnitUser, builder.Scope, apply2, TaskBuilder.AppliedAtUtc.AddHours(2));

        Assert.Equal(2, task.LatestApplication!.Attempt);
        Assert.Equal("佐证材料 1 份(沿用此前申请 1 份、新增 0 份):整改报告.pdf", entry.Details);
    }

    [Fact]
    public void A_file_that_is_not_the_tasks_is_refused()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var own = TaskBuilder.Evidence("整改报告.pdf");
        own.Id = 1;
        task.Evidence.Add(own);

        var ex = AssertRefused(() => task.EvidenceForApplication([1, 77]));
        Assert.Contains("不属于该任务", ex.Message, StringComparison.Ordinal);

        var foreign = TaskBuilder.Application(evidenceCount: 0);
        foreign.Evidence.Add(new EvidenceFile { Id = 77, TaskId = 999, FileName = "别的任务.pdf" });
        AssertRefused(() => task.ApplyForClosure(Actors.UnitUser, builder.Scope, foreign, StepAtUtc));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Empty(task.Applications);
    }

    [Fact]
    public void The_signed_application_is_the_latest_one_a_leader_approved()
    {
        var builder = new TaskBuilder();
        var task = builder.Reopened();

        Assert.Equal(1, ApplicationEvidence.SignedApplication(task.Applications)!.Attempt);
        Assert.Null(ApplicationEvidence.SignedApplication(new TaskBuilder().ReturnedFromSignOff().Applications));
    }

    [Fact]
    public void A_withdrawal_is_a_progress_activity_in_the_as_of_replay_and_a_state_change()
    {
        Assert.True(Domain.Metrics.TaskEvent.IsProgressActivity(nameof(TaskAction.Withdraw)));
        Assert.Contains(nameof(TaskAction.Withdraw), Domain.Metrics.TaskEvent.Actions);
        Assert.Contains(HistoryActions.Urge, Domain.Metrics.TaskEvent.Actions);
    }
}
