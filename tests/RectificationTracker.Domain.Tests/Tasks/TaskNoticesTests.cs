using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>The bell's rules: which owned tasks notify, and in what order the bell lists them.</summary>
public class TaskNoticesTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData(TaskState.InProgress)]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    public void Overdue_open_task_notifies_its_owner_with_the_days_overdue(TaskState state)
    {
        var notice = TaskNotices.ForOwner(state, Today.AddDays(-8), latestApplicationReturned: false, Today);
        Assert.Equal((NoticeKind.Overdue, (int?)8), notice);
    }

    [Fact]
    public void Overdue_wins_over_a_returned_application()
    {
        var notice = TaskNotices.ForOwner(TaskState.InProgress, Today.AddDays(-1), latestApplicationReturned: true, Today);
        Assert.Equal(NoticeKind.Overdue, notice!.Value.Kind);
    }

    [Fact]
    public void Returned_application_notifies_even_when_the_deadline_is_far()
    {
        var notice = TaskNotices.ForOwner(TaskState.InProgress, Today.AddDays(90), latestApplicationReturned: true, Today);
        Assert.Equal(NoticeKind.Returned, notice!.Value.Kind);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(TaskLights.DueSoonDays, TaskLights.DueSoonDays)]
    public void Task_in_progress_due_within_seven_days_is_due_soon(int offset, int days) =>
        Assert.Equal((NoticeKind.DueSoon, (int?)days), TaskNotices.ForOwner(TaskState.InProgress, Today.AddDays(offset), false, Today));

    [Theory]
    [InlineData(TaskState.InProgress, TaskLights.DueSoonDays + 1)]
    [InlineData(TaskState.AwaitingReview, 3)] // waiting for the office, not the owner
    [InlineData(TaskState.AwaitingSignOff, 3)]
    [InlineData(TaskState.Closed, -30)] // closed late: nothing left to do
    [InlineData(TaskState.Registered, -30)] // not yet assigned: not on the owner's clock
    public void Other_tasks_do_not_notify_their_owner(TaskState state, int offset) =>
        Assert.Null(TaskNotices.ForOwner(state, Today.AddDays(offset), latestApplicationReturned: false, Today));

    [Fact]
    public void Long_term_task_without_deadline_notifies_only_when_returned()
    {
        Assert.Null(TaskNotices.ForOwner(TaskState.InProgress, null, false, Today));
        Assert.Equal(NoticeKind.Returned, TaskNotices.ForOwner(TaskState.InProgress, null, true, Today)!.Value.Kind);
    }

    [Fact]
    public void Bell_lists_most_urgent_first_and_most_overdue_first()
    {
        var notices = TaskNotices.Ordered(
        [
            new TaskNotice(NoticeKind.DueSoon, 1, 1, 1, "a", Today.AddDays(2), 2),
            new TaskNotice(NoticeKind.AwaitingReview, 2, 1, 2, "b", Today.AddDays(9), null),
            new TaskNotice(NoticeKind.Overdue, 3, 2, 1, "c", Today.AddDays(-2), 2),
            new TaskNotice(NoticeKind.Overdue, 4, 2, 2, "d", Today.AddDays(-20), 20),
            new TaskNotice(NoticeKind.Returned, 5, 3, 1, "e", Today.AddDays(30), null),
            new TaskNotice(NoticeKind.AwaitingSignOff, 6, 3, 2, "f", Today.AddDays(30), null),
        ]);
        Assert.Equal([4, 3, 5, 6, 2, 1], notices.Select(n => n.TaskId));
    }

    [Fact]
    public void Headlines_are_in_chinese_with_the_days()
    {
        Assert.Equal("已逾期 8 天", new TaskNotice(NoticeKind.Overdue, 1, 3, 1, "m", Today.AddDays(-8), 8).Headline);
        Assert.Equal("3 天后到期", new TaskNotice(NoticeKind.DueSoon, 1, 3, 1, "m", Today.AddDays(3), 3).Headline);
        Assert.Equal("今天到期", new TaskNotice(NoticeKind.DueSoon, 1, 3, 1, "m", Today, 0).Headline);
        Assert.Equal("3-1", new TaskNotice(NoticeKind.Returned, 1, 3, 1, "m", null, null).Code);
    }
}
