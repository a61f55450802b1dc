using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>催办: who may urge, which tasks qualify (overdue or stale, configurable), and what an urging records.</summary>
public class UrgingTests
{
    private static DateOnly Local(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    /// <summary>A day after the default deadline: the task is overdue.</summary>
    private static readonly DateTime OverdueAtUtc = TaskBuilder.DefaultDeadline.AddDays(1).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    /// <summary>Ten days after assignment: not overdue, not stale under the default 14 days.</summary>
    private static readonly DateTime FreshAtUtc = TaskBuilder.AssignedAtUtc.AddDays(10);

    /// <summary>Twenty days after assignment: stale (no progress for 14 days), deadline still ahead.</summary>
    private static readonly DateTime StaleAtUtc = TaskBuilder.AssignedAtUtc.AddDays(20);

    [Fact]
    public void Office_urges_an_overdue_task_and_the_history_records_the_message_and_the_owner()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var version = task.State;

        var entry = task.Urge(Actors.Office, builder.Scope, "  请于本周五前报送整改进展  ", UrgingPolicy.Default, OverdueAtUtc, Local);

        var urging = Assert.Single(task.Urgings);
        Assert.Equal(("请于本周五前报送整改进展", UrgeGround.Overdue, Actors.Office.Name), (urging.Message, urging.Ground, urging.ByName));
        Assert.Equal(HistoryActions.Urge, entry.Action);
        Assert.Equal("请于本周五前报送整改进展", entry.Reason);
        Assert.StartsWith("催办(逾期,第 1 次)", entry.Details, StringComparison.Ordinal);
        Assert.Contains(Actors.ResponsiblePerson.Name, entry.Details, StringComparison.Ordinal);
        Assert.Null(entry.ToState);
        Assert.Equal(version, task.State);
    }

    [Fact]
    public void Urging_does_not_restart_the_progress_clock()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var before = task.LastProgressAtUtc;

        task.Urge(Actors.LeadLeader, builder.Scope, "请抓紧整改", UrgingPolicy.Default, StaleAtUtc, Local);

        Assert.Equal(before, task.LastProgressAtUtc);
        Assert.Equal(UrgeGround.Stale, task.Urgings[0].Ground);
    }

    [Theory]
    [InlineData(nameof(Actors.Office), true)]
    [InlineData(nameof(Actors.LeadLeader), true)]
    [InlineData(nameof(Actors.OtherLeader), false)]
    [InlineData(nameof(Actors.OtherOffice), false)]
    [InlineData(nameof(Actors.SubUnitOffice), false)]
    [InlineData(nameof(Actors.UnitUser), false)]
    [InlineData(nameof(Actors.ResponsiblePerson), false)]
    [InlineData(nameof(Actors.Supervisor), false)]
    [InlineData(nameof(Actors.Admin), false)]
    [InlineData(nameof(Actors.LeadLeaderWithoutRole), false)]
    public void Only_the_rounds_office_and_the_tasks_lead_leader_may_urge(string actorName, bool permitted)
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var actor = Actors.ByName[actorName];

        Assert.Equal(permitted, task.CanUrge(actor, builder.Scope, UrgingPolicy.Default, OverdueAtUtc, Local));
        if (permitted)
        {
            task.Urge(actor, builder.Scope, "请尽快整改", UrgingPolicy.Default, OverdueAtUtc, Local);
            Assert.Single(task.Urgings);
        }
        else
        {
            var ex = AssertRefused(() => task.Urge(actor, builder.Scope, "请尽快整改", UrgingPolicy.Default, OverdueAtUtc, Local));
            Assert.Contains("巡察办", ex.Message, StringComparison.Ordinal);
            Assert.Empty(task.Urgings);
        }
    }

    [Fact]
    public void A_task_on_track_cannot_be_urged()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var ex = AssertRefused(() => task.Urge(Actors.Office, builder.Scope, "请尽快整改", UrgingPolicy.Default, FreshAtUtc, Local));

        Assert.Contains("近 14 天内有整改进展", ex.Message, StringComparison.Ordinal);
        Assert.Empty(task.Urgings);
    }

    [Fact]
    public void Stale_is_configurable()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var policy = new UrgingPolicy { StaleDays = 7 };

        Assert.True(task.CanUrge(Actors.Office, builder.Scope, policy, FreshAtUtc, Local));
        Assert.False(task.CanUrge(Actors.Office, builder.Scope, new UrgingPolicy { StaleDays = 30 }, StaleAtUtc, Local));
    }

    [Theory]
    [InlineData(13, null)]
    [InlineData(14, UrgeGround.Stale)]
    public void Stale_means_no_activity_for_the_configured_days(int daysSinceActivity, UrgeGround? expected)
    {
        var today = new DateOnly(2026, 5, 1);
        Assert.Equal(expected, UrgingRules.Ground(TaskState.InProgress, new DateOnly(2026, 12, 31), today.AddDays(-daysSinceActivity), today, UrgingPolicy.Default));
    }

    [Theory]
    [InlineData(TaskState.Registered)]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    [InlineData(TaskState.Closed)]
    public void Only_a_task_in_progress_qualifies_even_when_overdue(TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);

        var ex = AssertRefused(() => task.Urge(Actors.Office, builder.Scope, "请尽快整改", UrgingPolicy.Default, OverdueAtUtc, Local));

        Assert.Contains(TaskNames.DisplayName(state), ex.Message, StringComparison.Ordinal);
        Assert.Empty(task.Urgings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void The_message_is_required(string message)
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var ex = AssertRefused(() => task.Urge(Actors.Office, builder.Scope, message, UrgingPolicy.Default, OverdueAtUtc, Local));

        Assert.Equal("请填写催办内容。", ex.Message);
        Assert.Empty(task.Urgings);
    }

    [Fact]
    public void An_overlong_message_is_refused()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        AssertRefused(() => task.Urge(Actors.Office, builder.Scope, new string('催', UrgingRules.MessageMaxLength + 1), UrgingPolicy.Default, OverdueAtUtc, Local));

        Assert.Empty(task.Urgings);
    }

    [Fact]
    public void An_urging_waits_for_the_owner_until_progress_or_an_application_answers_it()
    {
        var urged = new DateTime(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc);

        Assert.True(UrgingRules.Unanswered(TaskState.InProgress, urged, urged.AddDays(-3)));
        Assert.False(UrgingRules.Unanswered(TaskState.InProgress, urged, urged.AddHours(1)));
        Assert.False(UrgingRules.Unanswered(TaskState.AwaitingReview, urged, urged.AddDays(-3)));
        Assert.False(UrgingRules.Unanswered(TaskState.InProgress, null, urged));
    }

    [Fact]
    public void A_second_urging_counts_on()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        task.Urge(Actors.Office, builder.Scope, "第一次催办", UrgingPolicy.Default, OverdueAtUtc, Local);
        var second = task.Urge(Actors.LeadLeader, builder.Scope, "第二次催办", UrgingPolicy.Default, OverdueAtUtc.AddDays(2), Local);

        Assert.Equal(2, task.Urgings.Count);
        Assert.StartsWith("催办(逾期,第 2 次)", second.Details, StringComparison.Ordinal);
    }
}
