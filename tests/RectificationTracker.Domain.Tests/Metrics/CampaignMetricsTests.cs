using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using static RectificationTracker.Domain.Tests.Metrics.Facts;

namespace RectificationTracker.Domain.Tests.Metrics;

/// <summary>Every figure of <see cref="CampaignMetrics"/> on small hand-built campaigns with known answers.</summary>
public class CampaignMetricsTests
{
    /// <summary>Seed 001: 37 problems, 36 closed → 97.3%. Five problems have two tasks; problem 37 has one of two closed.</summary>
    private static List<TaskFact> ThirtySevenProblems()
    {
        var facts = new List<TaskFact>();
        for (var p = 1; p <= 36; p++)
        {
            facts.Add(Task(p, TaskState.Closed));
            if (p <= 5)
            {
                facts.Add(Task(p, TaskState.Closed));
            }
        }

        facts.Add(Task(37, TaskState.Closed));
        facts.Add(Task(37, TaskState.InProgress));
        return facts;
    }

    [Fact]
    public void Thirty_six_of_thirty_seven_problems_closed_is_97_3_percent()
    {
        var f = CampaignMetrics.Compute(ThirtySevenProblems(), Today);

        Assert.Equal(new Rate(36, 37), f.ProblemCompletion);
        Assert.Equal(97.3m, f.ProblemCompletion.Percent);
        Assert.Equal("97.3%", f.ProblemCompletion.Text);
        // By task: 36 + 5 + 1 closed of 43.
        Assert.Equal(new Rate(42, 43), f.TaskCompletion);
        Assert.Equal(97.7m, f.TaskCompletion.Percent);
    }

    [Fact]
    public void Totals_by_state_add_up_to_the_total()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Registered), Task(2, TaskState.InProgress), Task(2, TaskState.InProgress),
            Task(3, TaskState.AwaitingReview), Task(4, TaskState.AwaitingSignOff), Task(5, TaskState.Closed), Task(5, TaskState.Closed),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(7, f.Total);
        Assert.Equal(1, f.Registered);
        Assert.Equal(2, f.InProgress);
        Assert.Equal(1, f.AwaitingReview);
        Assert.Equal(1, f.AwaitingSignOff);
        Assert.Equal(2, f.Closed);
        Assert.Equal(5, f.Open);
        Assert.Equal(new Rate(1, 5), f.ProblemCompletion);
    }

    [Fact]
    public void A_task_closed_after_its_deadline_is_closed_but_not_on_time()
    {
        var deadline = Today.AddDays(-20);
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, deadline: deadline, closedOn: deadline.AddDays(3)), // late
            Task(2, TaskState.Closed, deadline: deadline, closedOn: deadline),            // on the day: on time
            Task(3, TaskState.Closed, deadline: deadline, closedOn: deadline.AddDays(-5)),
            Task(4, TaskState.Closed, TaskCategory.LongTerm, closedOn: Today),             // no deadline: cannot be late
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(4, f.Closed);
        Assert.Equal(new Rate(4, 4), f.TaskCompletion);
        Assert.Equal(new Rate(3, 4), f.OnTime);
        Assert.Equal(75.0m, f.OnTime.Percent);
        Assert.Equal(1, f.ClosedLate);
        Assert.Equal(0, f.Overdue); // closed tasks are never overdue
    }

    [Fact]
    public void A_reopened_task_leaves_the_closed_count_and_its_outcome_leaves_the_totals()
    {
        var outcome = new TaskOutcome(10m, 1, 0, 2);
        var before = new List<TaskFact> { Task(1, TaskState.Closed, outcome: outcome), Task(2, TaskState.Closed, outcome: outcome) };
        var after = new List<TaskFact> { before[0], before[1] with { State = TaskState.InProgress, ClosedOn = null, ReopenCount = 1 } };

        var b = CampaignMetrics.Compute(before, Today);
        var a = CampaignMetrics.Compute(after, Today);

        Assert.Equal(2, b.Closed);
        Assert.Equal(20m, b.Outcome.FundsRecoveredWan);
        Assert.Equal(1, a.Closed);
        Assert.Equal(new Rate(1, 2), a.TaskCompletion);
        Assert.Equal(1, a.Reopened);
        Assert.Equal(new TaskOutcome(10m, 1, 0, 2), a.Outcome);
    }

    [Fact]
    public void Overdue_and_at_risk_follow_the_lights_and_the_red_list_is_most_severe_first()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.InProgress, deadline: Today.AddDays(-3), id: 1),                // red, 3 days
            Task(2, TaskState.AwaitingReview, deadline: Today.AddDays(-40), id: 2),           // red, 40 days
            Task(3, TaskState.InProgress, deadline: Today.AddDays(5), id: 3),                 // yellow, due in 5
            Task(4, TaskState.InProgress, deadline: Today.AddDays(60), lastActivity: Today.AddDays(-20), id: 4), // yellow, stale
            Task(5, TaskState.InProgress, deadline: Today.AddDays(2), id: 5),                 // yellow, due in 2
            Task(6, TaskState.InProgress, deadline: Today.AddDays(60), id: 6),                 // green
            Task(7, TaskState.Registered, deadline: Today.AddDays(-9), id: 7),                // not on the clock
            Task(8, TaskState.Closed, deadline: Today.AddDays(-9), closedOn: Today.AddDays(-1), id: 8),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(2, f.Overdue);
        Assert.Equal(3, f.AtRisk);
        Assert.Equal([2, 1, 5, 3, 4], f.RedList.Select(r => r.Task.TaskId));
        Assert.Equal(40, f.RedList[0].DaysOverdue);
        Assert.Equal(TaskLight.Red, f.RedList[1].Light);
        Assert.Equal(2, f.RedList[2].DaysLeft);
        Assert.Equal(60, f.RedList[4].DaysLeft);
    }

    [Fact]
    public void Long_term_tasks_close_as_stage_goals_met()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, TaskCategory.LongTerm), Task(2, TaskState.InProgress, TaskCategory.LongTerm),
            Task(3, TaskState.InProgress, TaskCategory.LongTerm), Task(4, TaskState.Closed),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(new Rate(1, 3), f.LongTerm);
        Assert.Equal(2, f.Closed);
        Assert.Equal("长期整改3项,阶段性销号1项", f.ByCategory.Single(c => c.Category == TaskCategory.LongTerm).Summary);
    }

    [Fact]
    public void Category_by_state_gives_the_bulletin_sentences()
    {
        // Seed 004: 30 限期整改 (15 done, 15 in progress) + 57 长期整改.
        var facts = new List<TaskFact>();
        for (var i = 0; i < 30; i++)
        {
            facts.Add(Task(i + 1, i < 15 ? TaskState.Closed : TaskState.InProgress));
        }

        for (var i = 0; i < 57; i++)
        {
            facts.Add(Task(100 + i, TaskState.InProgress, TaskCategory.LongTerm));
        }

        var f = CampaignMetrics.Compute(facts, Today);

        var deadline = f.ByCategory.Single(c => c.Category == TaskCategory.Deadline);
        Assert.Equal("限期整改30项,已完成15项", deadline.Summary);
        Assert.Equal(15, deadline.ByState[TaskState.InProgress]);
        Assert.Equal(0, deadline.ByState[TaskState.AwaitingReview]);
        Assert.Equal(57, f.ByCategory.Single(c => c.Category == TaskCategory.LongTerm).Total);
        Assert.Equal("立行立改0项,已完成0项", f.ByCategory.Single(c => c.Category == TaskCategory.Immediate).Summary);
        Assert.Equal(87, f.Total);
    }

    [Fact]
    public void Units_are_ranked_by_completion_rate_and_ties_share_a_place()
    {
        var facts = new List<TaskFact>
        {
            // unit 1: 1/2 = 50%; unit 2: 2/2 = 100%; unit 3: 1/2 = 50%; unit 4: 0/1, one overdue.
            Task(1, TaskState.Closed, unit: 1), Task(2, TaskState.InProgress, unit: 1),
            Task(3, TaskState.Closed, unit: 2), Task(4, TaskState.Closed, unit: 2),
            Task(5, TaskState.Closed, unit: 3), Task(6, TaskState.AwaitingReview, unit: 3),
            Task(7, TaskState.InProgress, unit: 4, deadline: Today.AddDays(-1)),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(["2", "1", "3", "4"], f.ByUnit.Select(u => u.Key));
        Assert.Equal([1, 2, 2, 4], f.ByUnit.Select(u => u.Rank));
        Assert.Equal(new Rate(2, 2), f.ByUnit[0].Completion);
        Assert.Equal("单位4", f.ByUnit[3].Name);
        Assert.Equal(1, f.ByUnit[3].Overdue);
        Assert.Equal(1, f.ByUnit[3].Open);
    }

    [Fact]
    public void Breakdowns_by_aspect_and_lead_leader()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, aspect: 1, leader: "a"), Task(2, TaskState.InProgress, aspect: 1, leader: "b"),
            Task(3, TaskState.Closed, aspect: 2, leader: "b"), Task(4, TaskState.Closed, aspect: 2, leader: "b"),
            Task(5, TaskState.Registered, aspect: 2, leader: "a"),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(["方面1", "方面2"], f.ByAspect.Select(a => a.Name));
        Assert.Equal(new Rate(1, 2), f.ByAspect[0].Completion);
        Assert.Equal(new Rate(2, 3), f.ByAspect[1].Completion);
        Assert.Equal([("领导b", new Rate(2, 3), 1), ("领导a", new Rate(1, 2), 2)], f.ByLeader.Select(l => (l.Name, l.Completion, l.Rank)));
    }

    [Fact]
    public void Trend_counts_closed_and_due_per_week_and_the_cumulative_completion()
    {
        var w0 = new DateOnly(2026, 6, 1); // Monday, two weeks before Today
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, deadline: w0.AddDays(2), closedOn: w0.AddDays(1)),   // week 0: due 1, closed 1
            Task(2, TaskState.Closed, deadline: w0.AddDays(6), closedOn: w0.AddDays(9)),   // due week 0, closed week 1 (late)
            Task(3, TaskState.InProgress, deadline: w0.AddDays(10)),                       // due week 1
            Task(4, TaskState.Closed, TaskCategory.LongTerm, closedOn: Today),             // closed week 2
            Task(5, TaskState.InProgress, deadline: Today.AddDays(40)),                    // due after today: not in the window
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal([w0, w0.AddDays(7), w0.AddDays(14)], f.Trend.Select(t => t.WeekStart));
        Assert.Equal([1, 1, 1], f.Trend.Select(t => t.ClosedInWeek));
        Assert.Equal([2, 1, 0], f.Trend.Select(t => t.DueInWeek));
        Assert.Equal([1, 2, 3], f.Trend.Select(t => t.CumulativeClosed));
        Assert.Equal([2, 3, 3], f.Trend.Select(t => t.CumulativeDue));
        Assert.Equal(new Rate(3, 5), f.Trend[^1].CumulativeCompletion);
    }

    [Fact]
    public void Trend_is_capped_at_a_year_with_older_closures_in_the_starting_total()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, deadline: Today.AddYears(-3), closedOn: Today.AddYears(-3)),
            Task(2, TaskState.Closed, closedOn: Today, deadline: Today),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(CampaignMetrics.MaxTrendWeeks, f.Trend.Count);
        Assert.Equal(1, f.Trend[0].CumulativeClosed);
        Assert.Equal(2, f.Trend[^1].CumulativeClosed);
    }

    [Fact]
    public void Outcome_totals_sum_closed_tasks_only()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, outcome: new TaskOutcome(12.5m, 2, 1, 3)),
            Task(2, TaskState.Closed, outcome: new TaskOutcome(0.75m, 0, 2, 0)),
            Task(3, TaskState.Closed),
            // An application waiting for sign-off has figures, but nothing is achieved until it is closed.
            Task(4, TaskState.AwaitingSignOff, outcome: new TaskOutcome(100m, 5, 5, 5)),
        };

        var f = CampaignMetrics.Compute(facts, Today);

        Assert.Equal(new TaskOutcome(13.25m, 2, 3, 3), f.Outcome);
    }

    [Fact]
    public void Items_closed_between_two_dates_inclusive()
    {
        var facts = new List<TaskFact>
        {
            Task(1, TaskState.Closed, closedOn: new DateOnly(2026, 4, 30), id: 1),
            Task(2, TaskState.Closed, closedOn: new DateOnly(2026, 5, 1), id: 2),
            Task(3, TaskState.Closed, closedOn: new DateOnly(2026, 5, 31), id: 3),
            Task(4, TaskState.Closed, closedOn: new DateOnly(2026, 6, 1), id: 4),
            Task(5, TaskState.InProgress, id: 5),
        };

        var may = CampaignMetrics.ClosedBetween(facts, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));

        Assert.Equal([2, 3], may.Select(t => t.TaskId));
    }

    [Fact]
    public void An_empty_scope_has_no_rates_rather_than_zero_percent()
    {
        var f = CampaignMetrics.Compute([], Today);

        Assert.Equal(0, f.Total);
        Assert.Null(f.TaskCompletion.Percent);
        Assert.Equal("—", f.TaskCompletion.Text);
        Assert.Empty(f.Trend);
        Assert.Empty(f.ByUnit);
    }

    [Theory]
    [InlineData(2026, 6, 15, 2026, 6, 15)]
    [InlineData(2026, 6, 21, 2026, 6, 15)]
    [InlineData(2026, 6, 14, 2026, 6, 8)]
    public void Weeks_start_on_monday(int y, int m, int d, int wy, int wm, int wd) =>
        Assert.Equal(new DateOnly(wy, wm, wd), CampaignMetrics.WeekStart(new DateOnly(y, m, d)));

    [Theory]
    [InlineData("/1/", "/1/4/7/", 4)]
    [InlineData("/1/", "/1/4/", 4)]
    [InlineData("/1/", "/1/", 1)]
    [InlineData("/1/4/", "/1/4/7/9/", 7)]
    [InlineData("/1/4/", "/1/5/", 5)]
    [InlineData("/", "/1/4/", 1)]
    public void Units_roll_up_to_the_level_below_the_focus(string focus, string path, int expected) =>
        Assert.Equal(expected, UnitRollup.ReportingUnitId(focus, path));

    [Fact]
    public void An_unassigned_task_has_no_reporting_unit() => Assert.Null(UnitRollup.ReportingUnitId("/1/", null));
}
