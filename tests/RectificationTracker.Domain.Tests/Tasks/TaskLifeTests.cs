using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>One task from 登记 to 已销号 and back on the ledger, with the history it leaves behind.</summary>
public class TaskLifeTests
{
    private static readonly DateTime Day1 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Task_returned_once_then_closed_then_reopened_keeps_a_full_history()
    {
        var builder = new TaskBuilder();
        var scope = builder.Scope;
        var task = builder.Registered();
        var history = new List<HistoryEntry>();

        history.Add(task.Assign(Actors.Office, scope, Day1));
        Assert.Equal(TaskState.InProgress, task.State);

        var first = TaskBuilder.Application("已起草管理办法");
        history.Add(task.ApplyForClosure(Actors.UnitUser, scope, first, Day1.AddDays(10)));
        Assert.Equal(TaskState.AwaitingReview, task.State);
        Assert.Equal(1, first.Attempt);

        history.Add(task.ReturnFromReview(Actors.Office, scope, "管理办法尚未印发", Day1.AddDays(11)));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.False(first.ReviewApproved);
        Assert.Equal("管理办法尚未印发", first.ReviewComment);
        Assert.Equal(Actors.Office.UserId, first.ReviewerId);
        Assert.Equal(Day1.AddDays(11), first.ReviewedAtUtc);

        var second = TaskBuilder.Application("管理办法已印发实施", evidenceCount: 2);
        history.Add(task.ApplyForClosure(Actors.ResponsiblePerson, scope, second, Day1.AddDays(20)));
        Assert.Equal(2, second.Attempt);
        Assert.Same(second, task.LatestApplication);
        Assert.Equal(2, task.Applications.Count);

        history.Add(task.ApproveReview(Actors.Office, scope, "对账无误", Day1.AddDays(21)));
        Assert.Equal(TaskState.AwaitingSignOff, task.State);
        Assert.True(second.ReviewApproved);
        Assert.Equal(Actors.Office.Name, second.ReviewerName);
        Assert.False(first.ReviewApproved);

        var closedOn = new DateOnly(2026, 3, 24);
        history.Add(task.SignOff(Actors.LeadLeader, scope, "同意销号", Day1.AddDays(22), closedOn));
        Assert.Equal(TaskState.Closed, task.State);
        Assert.True(task.IsClosed);
        Assert.True(task.EvidenceFrozen);
        Assert.Equal(closedOn, task.ClosedOn);
        Assert.Equal(Actors.LeadLeader.UserId, task.ClosedById);
        Assert.Equal(Actors.LeadLeader.Name, task.ClosedByName);
        Assert.True(second.SignOffApproved);
        Assert.Equal(Actors.LeadLeader.UserId, second.SignerId);
        Assert.Equal(Actors.LeadLeader.Name, second.SignerName);
        Assert.Equal(Day1.AddDays(22), second.SignedAtUtc);
        Assert.Equal("同意销号", second.SignOffComment);
        Assert.Equal(0, task.ReopenCount);

        history.Add(task.Reopen(Actors.Office, scope, "回头看发现问题反弹", Day1.AddDays(90)));
        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Equal(1, task.ReopenCount);
        Assert.Null(task.ClosedOn);
        Assert.Null(task.ClosedById);
        Assert.Null(task.ClosedByName);
        Assert.False(task.EvidenceFrozen);

        (string Action, string From, string To, string? Reason, string ActorId, DateTime At)[] expected =
        [
            ("Assign", "Registered", "InProgress", null, Actors.Office.UserId, Day1),
            ("ApplyForClosure", "InProgress", "AwaitingReview", null, Actors.UnitUser.UserId, Day1.AddDays(10)),
            ("ReturnFromReview", "AwaitingReview", "InProgress", "管理办法尚未印发", Actors.Office.UserId, Day1.AddDays(11)),
            ("ApplyForClosure", "InProgress", "AwaitingReview", null, Actors.ResponsiblePerson.UserId, Day1.AddDays(20)),
            ("ApproveReview", "AwaitingReview", "AwaitingSignOff", "对账无误", Actors.Office.UserId, Day1.AddDays(21)),
            ("SignOff", "AwaitingSignOff", "Closed", "同意销号", Actors.LeadLeader.UserId, Day1.AddDays(22)),
            ("Reopen", "Closed", "InProgress", "回头看发现问题反弹", Actors.Office.UserId, Day1.AddDays(90)),
        ];
        Assert.Equal(expected, history.Select(h => (h.Action, h.FromState!, h.ToState!, h.Reason, h.ActorId, h.AtUtc)));
        Assert.All(history, h =>
        {
            Assert.Equal("Task", h.EntityType);
            Assert.Equal(TaskBuilder.TaskId, h.EntityId);
            Assert.Equal(TaskBuilder.TaskId, h.TaskId);
            Assert.Equal(TaskBuilder.RoundId, h.RoundId);
            Assert.False(string.IsNullOrEmpty(h.ActorName));
        });
    }

    [Fact]
    public void Reopened_task_can_be_closed_again_as_a_third_attempt()
    {
        var builder = new TaskBuilder();
        var task = builder.Reopened();
        var scope = builder.Scope;
        var at = TaskBuilder.ReopenedAtUtc;

        task.ApplyForClosure(Actors.UnitUser, scope, TaskBuilder.Application(), at.AddDays(5));
        task.ApproveReview(Actors.Office, scope, null, at.AddDays(6));
        task.SignOff(Actors.LeadLeader, scope, null, at.AddDays(7), new DateOnly(2026, 5, 8));

        Assert.Equal(TaskState.Closed, task.State);
        Assert.Equal(2, task.LatestApplication!.Attempt);
        Assert.Equal(new DateOnly(2026, 5, 8), task.ClosedOn);
        Assert.Equal(1, task.ReopenCount);
    }

    [Fact]
    public void Each_reopen_counts()
    {
        var builder = new TaskBuilder();
        var task = builder.Reopened();
        var scope = builder.Scope;
        var at = TaskBuilder.ReopenedAtUtc;

        task.ApplyForClosure(Actors.UnitUser, scope, TaskBuilder.Application(), at.AddDays(5));
        task.ApproveReview(Actors.Office, scope, null, at.AddDays(6));
        task.SignOff(Actors.LeadLeader, scope, null, at.AddDays(7), new DateOnly(2026, 5, 8));
        task.Reopen(Actors.Office, scope, "再次反弹", at.AddDays(30));

        Assert.Equal(2, task.ReopenCount);
        Assert.Equal(TaskState.InProgress, task.State);
    }

    [Fact]
    public void Return_from_sign_off_goes_back_to_the_owner_not_the_office()
    {
        var builder = new TaskBuilder();
        var task = builder.ReturnedFromSignOff();
        var application = task.LatestApplication!;

        Assert.Equal(TaskState.InProgress, task.State);
        Assert.True(application.ReviewApproved);
        Assert.False(application.SignOffApproved);
        Assert.Equal("整改成效不明显", application.SignOffComment);
        Assert.Equal(Actors.LeadLeader.UserId, application.SignerId);
        Assert.Null(task.ClosedOn);

        var last = builder.History[^1];
        Assert.Equal(nameof(TaskAction.ReturnFromSignOff), last.Action);
        Assert.Equal("整改成效不明显", last.Reason);
    }

    [Fact]
    public void Builder_walks_real_transitions_and_keeps_their_history()
    {
        var builder = new TaskBuilder();

        builder.Closed();

        Assert.Equal(
            ["Assign", "ApplyForClosure", "ApproveReview", "SignOff"],
            builder.History.Select(h => h.Action));
    }

    [Fact]
    public void Long_term_task_closes_as_a_stage()
    {
        var builder = new TaskBuilder().WithCategory(TaskCategory.LongTerm, null);

        var task = builder.Closed();

        Assert.True(task.IsClosed);
        Assert.Equal("阶段性销号", TaskNames.ClosedLabel(task.Category));
    }

    [Fact]
    public void History_of_a_life_seals_into_an_intact_chain()
    {
        var builder = new TaskBuilder();
        builder.Reopened();
        long lastId = 0;
        var lastHash = HistoryChain.GenesisHash;

        foreach (var entry in builder.History)
        {
            HistoryChain.Seal(entry, lastId, lastHash);
            lastId = entry.Id;
            lastHash = entry.Hash;
        }

        Assert.Equal(5, builder.History.Count);
        Assert.Null(HistoryChain.Verify(builder.History));
    }
}
