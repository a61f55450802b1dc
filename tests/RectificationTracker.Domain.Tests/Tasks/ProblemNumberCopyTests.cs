using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>A task's copy of its problem's number (the ledger's order, issue 14) is its own problem's, never another's.</summary>
public sealed class ProblemNumberCopyTests
{
    [Fact]
    public void A_task_takes_the_number_of_the_problem_it_belongs_to()
    {
        var round = new InspectionRound { Id = 1 };
        var aspect = round.AddAspect("学习不深入");
        round.AddProblem(aspect, "学习不系统", "学习不系统。");
        var second = round.AddProblem(aspect, "调研不深入", "调研不深入。");
        var task = new RectificationTask { Problem = second, Number = 1 };

        task.TakeProblemNumber(second);

        Assert.Equal(2, task.ProblemNumber);
    }

    [Fact]
    public void A_task_does_not_take_another_problems_number()
    {
        var round = new InspectionRound { Id = 1 };
        var aspect = round.AddAspect("学习不深入");
        var first = round.AddProblem(aspect, "学习不系统", "学习不系统。");
        var second = round.AddProblem(aspect, "调研不深入", "调研不深入。");
        var byNavigation = new RectificationTask { Problem = first, Number = 1 };
        var byId = new RectificationTask { ProblemId = 7, Number = 1 };
        var other = new Problem { Id = 8, Number = 5 };

        Assert.Throws<InvalidOperationException>(() => byNavigation.TakeProblemNumber(second));
        Assert.Throws<InvalidOperationException>(() => byId.TakeProblemNumber(other));
        Assert.Equal(0, byNavigation.ProblemNumber);
        Assert.Equal(0, byId.ProblemNumber);
    }
}
