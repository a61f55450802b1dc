using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Rounds;

/// <summary>Correcting the issue list: numbers stay the document's, nothing with tasks is deleted.</summary>
public sealed class IssueListCorrectionRulesTests
{
    private static InspectionRound Round()
    {
        var round = new InspectionRound { Id = 1 };
        var first = round.AddAspect("学习不深入");
        round.AddProblem(first, "学习不系统", "学习不系统。");
        round.AddProblem(first, "调研不深入", "调研不深入。");
        var second = round.AddAspect("组织建设薄弱");
        round.AddProblem(second, "组织生活不规范", "组织生活不规范。");
        return round;
    }

    [Fact]
    public void A_moved_problem_keeps_its_number_and_the_next_problem_continues_after_the_highest()
    {
        var round = Round();
        var problem = round.Aspects[0].Problems[1];

        var changes = round.MoveProblem(problem, round.Aspects[1]);

        Assert.Equal("所属方面:(一)学习不深入 → (二)组织建设薄弱", changes.ToString());
        Assert.Equal([3, 2], round.Aspects[1].Problems.Select(p => p.Number));
        Assert.Equal(4, round.NextProblemNumber);
    }

    [Fact]
    public void Deleting_leaves_a_gap_and_never_renumbers()
    {
        var round = Round();

        var removed = round.DeleteProblem(round.Aspects[0].Problems[0]);

        Assert.StartsWith("问题1(方面(一)学习不深入)\n标题:学习不系统\n内容:学习不系统。", removed, StringComparison.Ordinal);
        Assert.Equal([2, 3], round.Aspects.SelectMany(a => a.Problems).Select(p => p.Number));
    }

    [Fact]
    public void A_problem_with_a_task_and_its_aspect_cannot_be_deleted()
    {
        var round = Round();
        var problem = round.Aspects[1].Problems[0];
        problem.Tasks.Add(new RectificationTask { Number = 1 });

        Assert.Equal("问题3已有 1 项整改任务,不能删除。如确属误录,请先处理其整改任务。",
            Assert.Throws<DomainException>(() => round.DeleteProblem(problem)).Message);
        Assert.Throws<DomainException>(() => round.DeleteAspect(round.Aspects[1]));
        Assert.Equal(2, round.Aspects.Count);

        var (described, problems) = round.DeleteAspect(round.Aspects[0]);
        Assert.Equal("方面(一):学习不深入(含问题1、2)", described);
        Assert.Equal(2, problems.Count);
        Assert.Equal("(二)", Assert.Single(round.Aspects).OrdinalLabel);
    }

    [Fact]
    public void Items_of_another_round_are_refused()
    {
        var round = Round();
        var other = Round();

        Assert.Throws<DomainException>(() => round.EditProblem(other.Aspects[0].Problems[0], "x", "y"));
        Assert.Throws<DomainException>(() => round.MoveProblem(round.Aspects[0].Problems[0], other.Aspects[1]));
    }
}
