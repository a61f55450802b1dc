using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>Evidence is frozen once closed; progress is reported by the owner while the work is under way.</summary>
public class EvidenceAndProgressTests
{
    public static TheoryData<string> EveryActor() => new(Actors.ByName.Keys);

    [Theory]
    [MemberData(nameof(EveryActor))]
    public void Evidence_is_frozen_for_everyone_once_closed(string actorName)
    {
        var builder = new TaskBuilder();
        var task = builder.Closed();

        var reason = Assert.IsType<string>(task.EvidenceRefusal(Actors.ByName[actorName], builder.Scope));

        Assert.True(task.EvidenceFrozen);
        Assert.Contains("冻结", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskState.InProgress)]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    public void Owner_and_office_may_add_evidence_until_closed(TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);

        Assert.Null(task.EvidenceRefusal(Actors.UnitUser, builder.Scope));
        Assert.Null(task.EvidenceRefusal(Actors.ResponsiblePerson, builder.Scope));
        Assert.Null(task.EvidenceRefusal(Actors.Office, builder.Scope));
        Assert.False(task.EvidenceFrozen);
    }

    [Theory]
    [InlineData(nameof(Actors.OtherUnitUser))]
    [InlineData(nameof(Actors.OtherOffice))]
    [InlineData(nameof(Actors.CooperatingUnitUser))]
    [InlineData(nameof(Actors.LeadLeader))]
    [InlineData(nameof(Actors.Supervisor))]
    [InlineData(nameof(Actors.Admin))]
    public void Others_may_not_add_evidence(string actorName)
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var reason = Assert.IsType<string>(task.EvidenceRefusal(Actors.ByName[actorName], builder.Scope));

        Assert.Contains("上传", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_waits_for_assignment()
    {
        var builder = new TaskBuilder();
        var task = builder.Registered();

        var reason = Assert.IsType<string>(task.EvidenceRefusal(Actors.UnitUser, builder.Scope));

        Assert.Contains("尚未交办", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopened_task_accepts_evidence_again()
    {
        var builder = new TaskBuilder();
        var task = builder.Reopened();

        Assert.Null(task.EvidenceRefusal(Actors.UnitUser, builder.Scope));

        Assert.False(task.EvidenceFrozen);
    }

    [Theory]
    [InlineData(TaskState.InProgress)]
    [InlineData(TaskState.AwaitingReview)]
    [InlineData(TaskState.AwaitingSignOff)]
    public void Owner_may_report_progress_while_the_work_is_under_way(TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);

        Assert.Null(task.ProgressRefusal(Actors.UnitUser, builder.Scope));
        Assert.Null(task.ProgressRefusal(Actors.ResponsiblePerson, builder.Scope));
        Assert.Null(task.ProgressRefusal(Actors.OrganisationUnitUser, builder.Scope));
    }

    [Theory]
    [InlineData(TaskState.Registered)]
    [InlineData(TaskState.Closed)]
    public void Progress_is_refused_before_assignment_and_after_closure(TaskState state)
    {
        var builder = new TaskBuilder();
        var task = builder.In(state);

        var reason = Assert.IsType<string>(task.ProgressRefusal(Actors.UnitUser, builder.Scope));

        Assert.Contains(TaskNames.DisplayName(state), reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(Actors.Office))]
    [InlineData(nameof(Actors.OtherUnitUser))]
    [InlineData(nameof(Actors.CooperatingUnitUser))]
    [InlineData(nameof(Actors.SectionUser))]
    [InlineData(nameof(Actors.LeadLeader))]
    [InlineData(nameof(Actors.Supervisor))]
    [InlineData(nameof(Actors.Admin))]
    public void Only_the_owner_reports_progress(string actorName)
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var reason = Assert.IsType<string>(task.ProgressRefusal(Actors.ByName[actorName], builder.Scope));

        Assert.Contains("责任单位", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_progress_restarts_the_no_progress_clock()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var at = TaskBuilder.AssignedAtUtc.AddDays(20);
        var update = new ProgressUpdate
        {
            Date = DateOnly.FromDateTime(at),
            Text = "已召开专题会议研究整改",
            AuthorId = Actors.UnitUser.UserId,
            AuthorName = Actors.UnitUser.Name,
        };

        task.RecordProgress(Actors.UnitUser, builder.Scope, update, at);

        Assert.Same(update, Assert.Single(task.ProgressUpdates));
        Assert.Equal(at, update.CreatedAtUtc);
        Assert.Equal(at, task.LastProgressAtUtc);
        Assert.Equal(TaskState.InProgress, task.State);
    }

    [Fact]
    public void Recording_progress_by_someone_else_is_refused_and_changes_nothing()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var ex = AssertRefused(() => task.RecordProgress(Actors.Office, builder.Scope, new ProgressUpdate { Text = "代报" }, TaskBuilder.AssignedAtUtc.AddDays(1)));

        Assert.Equal("只有责任单位人员可以报送整改进展。", ex.Message);
        Assert.Empty(task.ProgressUpdates);
    }

    [Fact]
    public void Recording_null_progress_throws()
    {
        var task = new TaskBuilder().InProgress();

        Assert.Throws<ArgumentNullException>(() => task.RecordProgress(Actors.UnitUser, new TaskBuilder().Scope, null!, TaskBuilder.AssignedAtUtc));
    }
}
