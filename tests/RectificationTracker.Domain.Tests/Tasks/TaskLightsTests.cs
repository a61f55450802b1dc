using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>红黄绿灯 and overdue, derived from state, deadline and the local date.</summary>
public class TaskLightsTests
{
    private static readonly DateOnly Today = new(2026, 5, 10);

    /// <summary>Recent activity, so that only the deadline decides.</summary>
    private static readonly DateOnly Yesterday = Today.AddDays(-1);

    public static TheoryData<TaskState> OpenStates() =>
        new(TaskState.InProgress, TaskState.AwaitingReview, TaskState.AwaitingSignOff);

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Open_task_past_its_deadline_is_red(TaskState state)
    {
        Assert.Equal(TaskLight.Red, TaskLights.Compute(state, Today.AddDays(-1), Yesterday, Today));
        Assert.True(TaskLights.IsOverdue(state, Today.AddDays(-1), Today));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(-10, 10)]
    [InlineData(-365, 365)]
    public void Days_overdue_counts_from_the_deadline(int deadlineOffset, int days) =>
        Assert.Equal(days, TaskLights.DaysOverdue(TaskState.InProgress, Today.AddDays(deadlineOffset), Today));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(30)]
    public void Task_not_yet_past_its_deadline_has_no_days_overdue(int deadlineOffset)
    {
        Assert.Null(TaskLights.DaysOverdue(TaskState.InProgress, Today.AddDays(deadlineOffset), Today));
        Assert.False(TaskLights.IsOverdue(TaskState.InProgress, Today.AddDays(deadlineOffset), Today));
    }

    [Theory]
    [InlineData(0, TaskLight.Yellow)]
    [InlineData(1, TaskLight.Yellow)]
    [InlineData(6, TaskLight.Yellow)]
    [InlineData(7, TaskLight.Yellow)]
    [InlineData(8, TaskLight.Green)]
    [InlineData(60, TaskLight.Green)]
    public void Due_within_seven_days_is_yellow(int daysLeft, TaskLight expected) =>
        Assert.Equal(expected, TaskLights.Compute(TaskState.InProgress, Today.AddDays(daysLeft), Yesterday, Today));

    [Theory]
    [InlineData(0, TaskLight.Green)]
    [InlineData(13, TaskLight.Green)]
    [InlineData(14, TaskLight.Yellow)]
    [InlineData(15, TaskLight.Yellow)]
    [InlineData(100, TaskLight.Yellow)]
    public void No_progress_for_fourteen_days_is_yellow(int daysSinceActivity, TaskLight expected) =>
        Assert.Equal(expected, TaskLights.Compute(TaskState.InProgress, Today.AddDays(60), Today.AddDays(-daysSinceActivity), Today));

    [Theory]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    public void Waiting_on_review_or_sign_off_is_not_stale(TaskState state) =>
        Assert.Equal(TaskLight.Green, TaskLights.Compute(state, Today.AddDays(60), Today.AddDays(-40), Today));

    [Fact]
    public void Overdue_wins_over_stale() =>
        Assert.Equal(TaskLight.Red, TaskLights.Compute(TaskState.InProgress, Today.AddDays(-3), Today.AddDays(-40), Today));

    [Fact]
    public void Task_without_activity_date_is_not_stale() =>
        Assert.Equal(TaskLight.Green, TaskLights.Compute(TaskState.InProgress, Today.AddDays(60), null, Today));

    [Fact]
    public void Long_term_task_without_a_deadline_is_never_red()
    {
        Assert.Equal(TaskLight.Green, TaskLights.Compute(TaskState.InProgress, null, Yesterday, Today));
        Assert.Equal(TaskLight.Yellow, TaskLights.Compute(TaskState.InProgress, null, Today.AddDays(-14), Today));
        Assert.False(TaskLights.IsOverdue(TaskState.InProgress, null, Today));
        Assert.Null(TaskLights.DaysOverdue(TaskState.InProgress, null, Today));
    }

    [Theory]
    [InlineData(TaskState.Registered)]
    [InlineData(TaskState.Closed)]
    public void Registered_and_closed_tasks_are_off_the_clock(TaskState state)
    {
        Assert.Equal(TaskLight.None, TaskLights.Compute(state, Today.AddDays(-30), Today.AddDays(-60), Today));
        Assert.Equal(TaskLight.None, TaskLights.Compute(state, Today.AddDays(3), Yesterday, Today));
        Assert.False(TaskLights.IsOverdue(state, Today.AddDays(-30), Today));
        Assert.Null(TaskLights.DaysOverdue(state, Today.AddDays(-30), Today));
        Assert.False(TaskLights.IsOpen(state));
    }

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Assigned_unclosed_states_are_open(TaskState state) => Assert.True(TaskLights.IsOpen(state));

    [Theory]
    [InlineData(TaskLight.Red, "红灯(逾期)")]
    [InlineData(TaskLight.Yellow, "黄灯(临期或久未更新)")]
    [InlineData(TaskLight.Green, "绿灯(正常)")]
    [InlineData(TaskLight.None, "—")]
    public void Light_has_its_chinese_name(TaskLight light, string name) =>
        Assert.Equal(name, TaskLights.DisplayName(light));

    [Fact]
    public void Overdue_expression_agrees_with_the_code_rule_on_every_case()
    {
        int?[] deadlineOffsets = [null, -400, -30, -1, 0, 1, 7, 30];
        DateOnly[] todays = [new(2026, 1, 1), new(2026, 5, 10), new(2026, 12, 31), new(2028, 2, 29)];
        var builder = new TaskBuilder();
        var cases = 0;

        foreach (var state in Enum.GetValues<TaskState>())
        {
            var task = builder.In(state);
            foreach (var today in todays)
            {
                var isOverdue = TaskLights.OverdueExpression(today).Compile();
                foreach (var offset in deadlineOffsets)
                {
                    task.Deadline = offset is { } o ? today.AddDays(o) : null;

                    Assert.Equal(TaskLights.IsOverdue(state, task.Deadline, today), isOverdue(task));
                    cases++;
                }
            }
        }

        Assert.Equal(5 * 4 * 8, cases);
    }

    [Fact]
    public void Overdue_expression_finds_exactly_the_overdue_tasks_of_a_ledger()
    {
        var builder = new TaskBuilder();
        var ledger = Enum.GetValues<TaskState>().Select(builder.In).ToList();
        foreach (var task in ledger)
        {
            task.Deadline = Today.AddDays(-1);
        }

        var overdue = ledger.AsQueryable().Where(TaskLights.OverdueExpression(Today)).Select(t => t.State).ToList();

        Assert.Equal([TaskState.InProgress, TaskState.AwaitingReview, TaskState.AwaitingSignOff], overdue);
    }

    [Theory]
    [InlineData(TaskState.Registered)]
    [InlineData(TaskState.InProgress)]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    [InlineData(TaskState.Closed)]
    public void The_query_rule_shows_exactly_the_light_the_in_memory_rule_computes(TaskState state)
    {
        var task = new Builders.TaskBuilder().In(state);
        var assignedOn = DateOnly.FromDateTime(task.LastProgressAtUtc ?? Builders.TaskBuilder.AssignedAtUtc);
        static DateTime StartUtc(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var deadlineOffset in new int?[] { null, -3, -1, 0, 1, 6, 7, 8, 30 })
        {
            for (var daysSinceActivity = 0; daysSinceActivity <= 20; daysSinceActivity++)
            {
                var today = assignedOn.AddDays(daysSinceActivity);
                task.Deadline = deadlineOffset is { } o ? today.AddDays(o) : null;
                var expected = TaskLights.Compute(task.State, task.Deadline, task.LastProgressAtUtc is { } lp ? DateOnly.FromDateTime(lp) : null, today);

                var shown = Enum.GetValues<TaskLight>().Where(l => TaskLights.Showing(l, today, StartUtc).Compile()(task)).ToList();

                Assert.Equal([expected], shown);
            }
        }
    }
}
