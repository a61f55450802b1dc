using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Metrics.Facts;

namespace RectificationTracker.Domain.Tests.Metrics;

/// <summary>Reconstructing the facts of a past date from the history, as a past bulletin saw them.</summary>
public class AsOfTests
{
    private static readonly DateOnly D1 = new(2026, 3, 1);

    private static TaskEvent Move(int task, long seq, DateOnly on, TaskState to, bool activity = true) => new(task, seq, on, to, activity);

    /// <summary>Task 1: registered 1 Mar, assigned 2 Mar, applied 10 Mar, approved 12 Mar, signed 15 Mar, reopened 20 Apr.</summary>
    private static readonly TaskEvent[] Life =
    [
        new(1, 1, D1, TaskState.Registered, false),
        Move(1, 2, D1.AddDays(1), TaskState.InProgress),
        Move(1, 3, D1.AddDays(9), TaskState.AwaitingReview),
        Move(1, 4, D1.AddDays(11), TaskState.AwaitingSignOff, activity: false),
        Move(1, 5, D1.AddDays(14), TaskState.Closed, activity: false),
        Move(1, 6, D1.AddDays(50), TaskState.InProgress),
    ];

    private static readonly TaskOutcome FirstOutcome = new(5m, 1, 0, 1);

    private static TaskFact Current() => Task(1, TaskState.InProgress, id: 1, registered: D1, reopens: 1,
        deadline: new DateOnly(2026, 3, 31), lastActivity: D1.AddDays(50));

    private static TaskFact On(DateOnly date) =>
        AsOf.Reconstruct([Current()], Life, [new SignedOutcome(1, 1, D1.AddDays(14), FirstOutcome)], date).Single();

    [Fact]
    public void Before_the_reopen_the_task_was_closed_with_its_closing_date_and_outcome()
    {
        var f = On(new DateOnly(2026, 3, 31));

        Assert.Equal(TaskState.Closed, f.State);
        Assert.Equal(D1.AddDays(14), f.ClosedOn);
        Assert.Equal(FirstOutcome, f.Outcome);
        Assert.Equal(0, f.ReopenCount);
        Assert.True(f.ClosedOnTime);
    }

    [Fact]
    public void After_the_reopen_the_task_is_open_again_and_leaves_the_closed_count()
    {
        var f = On(D1.AddDays(50));

        Assert.Equal(TaskState.InProgress, f.State);
        Assert.Null(f.ClosedOn);
        Assert.Null(f.Outcome);
        Assert.Equal(1, f.ReopenCount);
        Assert.Equal(D1.AddDays(50), f.LastActivityOn);

        var figures = CampaignMetrics.Compute([f], D1.AddDays(50));
        Assert.Equal(0, figures.Closed);
        Assert.Equal(1, figures.Overdue); // deadline 31 Mar has passed and it is open again
        Assert.Equal(TaskOutcome.None, figures.Outcome);
    }

    [Theory]
    [InlineData(0, TaskState.Registered)]
    [InlineData(1, TaskState.InProgress)]
    [InlineData(8, TaskState.InProgress)]
    [InlineData(9, TaskState.AwaitingReview)]
    [InlineData(11, TaskState.AwaitingSignOff)]
    [InlineData(14, TaskState.Closed)]
    [InlineData(49, TaskState.Closed)]
    [InlineData(50, TaskState.InProgress)]
    public void Each_date_shows_the_state_of_that_day_s_end(int day, TaskState expected) =>
        Assert.Equal(expected, On(D1.AddDays(day)).State);

    [Fact]
    public void A_task_registered_after_the_date_did_not_exist_yet()
    {
        var late = Task(2, TaskState.InProgress, id: 2, registered: new DateOnly(2026, 5, 1));

        var facts = AsOf.Reconstruct([Current(), late], Life, [], new DateOnly(2026, 4, 30));

        Assert.Equal([1], facts.Select(f => f.TaskId));
    }

    [Fact]
    public void The_last_activity_on_the_date_drives_the_stale_light()
    {
        // Assigned 2 Mar, applied 10 Mar: on 9 Mar the last activity is the assignment, on 10 Mar the application.
        Assert.Equal(D1.AddDays(1), On(D1.AddDays(8)).LastActivityOn);
        Assert.Equal(D1.AddDays(9), On(D1.AddDays(10)).LastActivityOn);
    }

    [Fact]
    public void Figures_before_and_after_a_reopen()
    {
        // Two tasks closed on 15 Mar; one reopened on 20 Apr. The March bulletin said 2/2; April's end says 1/2.
        var other = Task(3, TaskState.Closed, id: 3, registered: D1, closedOn: D1.AddDays(14));
        TaskEvent[] otherLife =
        [
            new(3, 10, D1, TaskState.Registered, false), Move(3, 11, D1.AddDays(1), TaskState.InProgress),
            Move(3, 12, D1.AddDays(9), TaskState.AwaitingReview), Move(3, 13, D1.AddDays(11), TaskState.AwaitingSignOff),
            Move(3, 14, D1.AddDays(14), TaskState.Closed),
        ];
        var events = Life.Concat(otherLife).ToList();

        var march = CampaignMetrics.Compute(AsOf.Reconstruct([Current(), other], events, [], new DateOnly(2026, 3, 31)), new DateOnly(2026, 3, 31));
        var april = CampaignMetrics.Compute(AsOf.Reconstruct([Current(), other], events, [], new DateOnly(2026, 4, 30)), new DateOnly(2026, 4, 30));

        Assert.Equal(new Rate(2, 2), march.TaskCompletion);
        Assert.Equal(0, march.Reopened);
        Assert.Equal(new Rate(1, 2), april.TaskCompletion);
        Assert.Equal(1, april.Reopened);
    }

    [Fact]
    public void The_outcome_is_that_of_the_last_application_signed_by_the_date()
    {
        var second = new TaskOutcome(9m, 2, 1, 0);
        TaskEvent[] events = [.. Life, Move(1, 7, D1.AddDays(60), TaskState.AwaitingReview), Move(1, 8, D1.AddDays(61), TaskState.AwaitingSignOff),
            Move(1, 9, D1.AddDays(62), TaskState.Closed)];
        SignedOutcome[] outcomes = [new(1, 1, D1.AddDays(14), FirstOutcome), new(1, 2, D1.AddDays(62), second)];
        var current = Current() with { State = TaskState.Closed, ClosedOn = D1.AddDays(62), Outcome = second };

        var march = AsOf.Reconstruct([current], events, outcomes, new DateOnly(2026, 3, 31)).Single();
        var may = AsOf.Reconstruct([current], events, outcomes, new DateOnly(2026, 5, 31)).Single();

        Assert.Equal(FirstOutcome, march.Outcome);
        Assert.Equal(second, may.Outcome);
        Assert.Equal(D1.AddDays(62), may.ClosedOn);
        Assert.False(may.ClosedOnTime); // closed again after its deadline
        Assert.Equal(1, may.ReopenCount);
    }

    [Fact]
    public void The_workflow_s_own_history_replays_to_its_states()
    {
        // Walk a real task (assign, apply, approve, sign, reopen) and replay its history entries.
        var builder = new TaskBuilder();
        var task = builder.Reopened();
        var events = builder.History.Select((HistoryEntry h, int i) => new TaskEvent(h.TaskId!.Value, i + 1,
            DateOnly.FromDateTime(h.AtUtc.AddHours(8)), TaskEvent.ParseState(h.ToState), TaskEvent.IsProgressActivity(h.Action))).ToList();
        var fact = Task(1, task.State, id: task.Id, registered: DateOnly.FromDateTime(task.CreatedAtUtc));

        var atSignOff = AsOf.Reconstruct([fact], events, [], TaskBuilder.SignedLocalDate).Single();
        var now = AsOf.Reconstruct([fact], events, [], DateOnly.FromDateTime(TaskBuilder.ReopenedAtUtc.AddHours(8))).Single();

        Assert.Equal(TaskState.Closed, atSignOff.State);
        Assert.Equal(TaskBuilder.SignedLocalDate, atSignOff.ClosedOn);
        Assert.Equal(task.State, now.State);
        Assert.Equal(task.ReopenCount, now.ReopenCount);
    }

    [Theory]
    [InlineData("Assign", true)]
    [InlineData("Progress", true)]
    [InlineData("Reopen", true)]
    [InlineData("ApproveReview", false)]
    [InlineData("SignOff", false)]
    [InlineData("Download", false)]
    public void Progress_clock_activities_match_the_task(string action, bool resets) =>
        Assert.Equal(resets, TaskEvent.IsProgressActivity(action));

    [Fact]
    public void Unknown_state_names_are_not_states()
    {
        Assert.Null(TaskEvent.ParseState(null));
        Assert.Null(TaskEvent.ParseState("Deleted"));
        Assert.Equal(TaskState.AwaitingSignOff, TaskEvent.ParseState("AwaitingSignOff"));
    }
}
