using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Domain.Tests.Builders;
using static RectificationTracker.Domain.Tests.Builders.TaskSteps;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>Every action × every kind of actor: the office acts within its scope, the responsible unit applies, only the task's own lead leader signs.</summary>
public class TaskAuthorityTests
{
    private static readonly string[] OfficeActors = [nameof(Actors.Office)];

    private static readonly string[] Owners =
        [nameof(Actors.UnitUser), nameof(Actors.OrganisationUnitUser), nameof(Actors.ResponsiblePerson)];

    private static readonly string[] Signers = [nameof(Actors.LeadLeader)];

    private static string[] Permitted(TaskAction action) => action switch
    {
        TaskAction.Assign or TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.Reopen => OfficeActors,
        TaskAction.ApplyForClosure or TaskAction.Withdraw => Owners,
        TaskAction.SignOff or TaskAction.ReturnFromSignOff => Signers,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The one state each action starts from (domain brief).</summary>
    private static TaskState FromState(TaskAction action) => action switch
    {
        TaskAction.Assign => TaskState.Registered,
        TaskAction.ApplyForClosure => TaskState.InProgress,
        TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.Withdraw => TaskState.AwaitingReview,
        TaskAction.SignOff or TaskAction.ReturnFromSignOff => TaskState.AwaitingSignOff,
        TaskAction.Reopen => TaskState.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static TheoryData<TaskAction, string, bool> ActionByActor()
    {
        var data = new TheoryData<TaskAction, string, bool>();
        foreach (var action in Enum.GetValues<TaskAction>())
        {
            foreach (var name in Actors.ByName.Keys)
            {
                data.Add(action, name, Permitted(action).Contains(name, StringComparer.Ordinal));
            }
        }

        return data;
    }

    public static TheoryData<TaskAction> AllActions() => new(Enum.GetValues<TaskAction>());

    [Theory]
    [MemberData(nameof(ActionByActor))]
    public void Only_the_rightful_actor_may_take_the_action(TaskAction action, string actorName, bool permitted)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));
        var from = task.State;
        var applications = task.Applications.Count;
        var actor = Actors.ByName[actorName];

        if (permitted)
        {
            var entry = Perform(task, action, actor, builder.Scope);

            Assert.NotEqual(from, task.State);
            Assert.Equal(actor.UserId, entry.ActorId);
            Assert.Equal(actor.Name, entry.ActorName);
        }
        else
        {
            var ex = AssertRefused(() => Perform(task, action, actor, builder.Scope));

            Assert.Equal(from, task.State);
            Assert.Equal(applications, task.Applications.Count);
            Assert.Contains("无权", ex.Message, StringComparison.Ordinal);
            Assert.Contains(TaskNames.DisplayName(action), ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ActionByActor))]
    public void Authority_and_buttons_agree_with_the_role_table(TaskAction action, string actorName, bool permitted)
    {
        var scope = new TaskBuilder().Scope;
        var actor = Actors.ByName[actorName];

        Assert.Equal(permitted, TaskWorkflow.HasAuthority(actor, action, scope));
        Assert.Equal(permitted, TaskWorkflow.Can(actor, action, FromState(action), scope));
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Supervisors_cannot_do_anything(TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));

        AssertRefused(() => Perform(task, action, Actors.Supervisor, builder.Scope));

        Assert.Equal(FromState(action), task.State);
        Assert.True(Actors.Supervisor.IsReadOnly);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void User_of_an_unrelated_unit_cannot_do_anything(TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));

        AssertRefused(() => Perform(task, action, Actors.OtherUnitUser, builder.Scope));

        Assert.Equal(FromState(action), task.State);
    }

    [Theory]
    [InlineData(TaskAction.Assign)]
    [InlineData(TaskAction.ApproveReview)]
    [InlineData(TaskAction.ReturnFromReview)]
    [InlineData(TaskAction.Reopen)]
    public void Office_user_of_another_unit_cannot_run_this_round(TaskAction action)
    {
        var builder = new TaskBuilder();
        var task = builder.In(FromState(action));

        AssertRefused(() => Perform(task, action, Actors.OtherOffice, builder.Scope));

        Assert.Equal(FromState(action), task.State);
    }

    [Fact]
    public void Owner_cannot_sign_off_own_task()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();

        AssertRefused(() => task.SignOff(Actors.UnitUser, builder.Scope, null, StepAtUtc, new DateOnly(2026, 4, 20)));

        Assert.Equal(TaskState.AwaitingSignOff, task.State);
        Assert.Null(task.ClosedOn);
        Assert.Null(task.LatestApplication!.SignOffApproved);
    }

    [Fact]
    public void Owner_cannot_approve_own_application()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingReview();

        AssertRefused(() => task.ApproveReview(Actors.UnitUser, builder.Scope, null, StepAtUtc));

        Assert.Equal(TaskState.AwaitingReview, task.State);
        Assert.Null(task.LatestApplication!.ReviewApproved);
    }

    [Fact]
    public void Leader_who_is_not_the_lead_leader_cannot_sign()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();

        AssertRefused(() => task.SignOff(Actors.OtherLeader, builder.Scope, "同意", StepAtUtc, new DateOnly(2026, 4, 20)));
        AssertRefused(() => task.ReturnFromSignOff(Actors.OtherLeader, builder.Scope, "退回", StepAtUtc));

        Assert.Equal(TaskState.AwaitingSignOff, task.State);
        Assert.Null(task.ClosedById);
    }

    [Fact]
    public void Office_cannot_sign_in_the_leaders_place()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();

        AssertRefused(() => task.SignOff(Actors.Office, builder.Scope, null, StepAtUtc, new DateOnly(2026, 4, 20)));

        Assert.Equal(TaskState.AwaitingSignOff, task.State);
    }

    [Fact]
    public void Lead_leader_with_office_role_too_may_sign()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();
        var leaderAndOffice = Actors.Make(Actors.LeadLeader.UserId, Actors.LeadLeader.Name, 1, "/1/", Role.Leader, Role.Office);

        task.SignOff(leaderAndOffice, builder.Scope, null, StepAtUtc, new DateOnly(2026, 4, 20));

        Assert.Equal(TaskState.Closed, task.State);
    }

    [Fact]
    public void Lead_leader_of_another_organisation_still_signs_the_tasks_they_lead()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();
        var leaderElsewhere = Actors.Make(Actors.LeadLeader.UserId, Actors.LeadLeader.Name, 9, "/9/", Role.Leader);

        task.SignOff(leaderElsewhere, builder.Scope, null, StepAtUtc, new DateOnly(2026, 4, 20));

        Assert.Equal(TaskState.Closed, task.State);
    }

    [Fact]
    public void Nobody_signs_when_the_task_has_no_lead_leader()
    {
        var builder = new TaskBuilder();
        var task = builder.AwaitingSignOff();
        var scope = builder.Scope with { LeadLeaderId = null };

        AssertRefused(() => task.SignOff(Actors.LeadLeader, scope, null, StepAtUtc, new DateOnly(2026, 4, 20)));

        Assert.False(TaskWorkflow.HasAuthority(Actors.LeadLeader, TaskAction.SignOff, scope));
        Assert.False(TaskWorkflow.HasAuthority(Actors.OtherLeader, TaskAction.ReturnFromSignOff, scope));
    }

    [Fact]
    public void Without_a_responsible_unit_only_the_responsible_person_applies()
    {
        var scope = new TaskBuilder().Scope with { ResponsibleUnitPath = null };

        Assert.True(TaskWorkflow.IsOwner(Actors.ResponsiblePerson, scope));
        Assert.False(TaskWorkflow.IsOwner(Actors.UnitUser, scope));
        Assert.False(TaskWorkflow.IsOwner(Actors.OrganisationUnitUser, scope));
    }

    [Fact]
    public void Responsible_person_acts_as_owner_only_while_named()
    {
        var scope = new TaskBuilder().Scope with { ResponsiblePersonId = null };

        Assert.False(TaskWorkflow.IsOwner(Actors.ResponsiblePerson, scope));
        Assert.True(TaskWorkflow.IsOwner(Actors.UnitUser, scope));
    }

    [Fact]
    public void Responsible_person_needs_the_unit_role_to_apply()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();
        var personAsLeader = Actors.Make(Actors.ResponsiblePerson.UserId, Actors.ResponsiblePerson.Name, 4, "/1/4/", Role.Leader);

        AssertRefused(() => task.ApplyForClosure(personAsLeader, builder.Scope, TaskBuilder.Application(), StepAtUtc));

        Assert.Equal(TaskState.InProgress, task.State);
        Assert.Empty(task.Applications);
    }

    [Fact]
    public void Cooperating_unit_may_read_but_not_apply()
    {
        var scope = new TaskBuilder().Scope;

        Assert.True(TaskWorkflow.CanRead(Actors.CooperatingUnitUser, scope));
        Assert.False(TaskWorkflow.IsOwner(Actors.CooperatingUnitUser, scope));
    }

    [Theory]
    [InlineData(nameof(Actors.Office), true)]
    [InlineData(nameof(Actors.SubUnitOffice), true)]
    [InlineData(nameof(Actors.OtherOffice), false)]
    [InlineData(nameof(Actors.UnitUser), true)]
    [InlineData(nameof(Actors.OrganisationUnitUser), true)]
    [InlineData(nameof(Actors.SectionUser), false)]
    [InlineData(nameof(Actors.ResponsiblePerson), true)]
    [InlineData(nameof(Actors.CooperatingUnitUser), true)]
    [InlineData(nameof(Actors.OtherUnitUser), false)]
    [InlineData(nameof(Actors.LeadLeader), true)]
    [InlineData(nameof(Actors.OtherLeader), true)]
    [InlineData(nameof(Actors.Supervisor), true)]
    [InlineData(nameof(Actors.Admin), true)]
    public void Read_access_follows_scope(string actorName, bool canRead) =>
        Assert.Equal(canRead, TaskWorkflow.CanRead(Actors.ByName[actorName], new TaskBuilder().Scope));

    [Fact]
    public void Lead_leader_reads_own_task_from_outside_the_scope()
    {
        var leaderElsewhere = Actors.Make(Actors.LeadLeader.UserId, Actors.LeadLeader.Name, 9, "/9/", Role.Leader);
        var otherLeaderElsewhere = Actors.Make("leader-9", "外单位领导", 9, "/9/", Role.Leader);

        Assert.True(TaskWorkflow.CanRead(leaderElsewhere, new TaskBuilder().Scope));
        Assert.False(TaskWorkflow.CanRead(otherLeaderElsewhere, new TaskBuilder().Scope));
    }

    [Fact]
    public void Supervisor_of_another_organisation_cannot_read()
    {
        var supervisor = Actors.Make("sup-2", "外单位督导", 2, "/2/", Role.Supervisor);

        Assert.False(TaskWorkflow.CanRead(supervisor, new TaskBuilder().Scope));
    }
}
