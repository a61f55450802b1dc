using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

public sealed class IntakeDraftTests
{
    private const string Document = """
        关于巡察某单位党组的反馈意见
        一、总体评价
        班子团结,作风务实。
        二、存在的主要问题
        (一)学习贯彻不到位
        1.理论学习不深入。一是学习形式单一。二是研讨交流不够。
        2.落实决策部署有差距。部分工作推进迟缓。
        (二)制度执行不严格
        3.财务管理不规范。报销手续不完善。
        三、意见建议
        加强学习,严格制度。
        """;

    private static IntakeDraft Draft() => IntakeDraft.From(FeedbackParser.Parse(Document), Document);

    [Fact]
    public void A_fresh_draft_mirrors_the_outline_and_plans_problems_after_those_the_round_has()
    {
        var draft = Draft();
        var plan = draft.Plan(existingMaxAspectOrdinal: 2, existingMaxProblemNumber: 5);

        Assert.True(plan.IsValid);
        Assert.Equal(["(三)", "(四)"], plan.Aspects.Select(a => a.OrdinalLabel));
        Assert.Equal([6, 7, 8], plan.Aspects.SelectMany(a => a.Problems).Select(p => p.Number));
        Assert.Equal("理论学习不深入", plan.Aspects[0].Problems[0].Title);
        Assert.Contains("1.理论学习不深入", plan.Aspects[0].Problems[0].SourceExcerpt, StringComparison.Ordinal);
        Assert.Equal(draft.Notes.Select(n => n.Text), plan.Notes);
        Assert.Contains(plan.Notes, n => n.Contains("班子团结,作风务实。", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("加强学习,严格制度。", StringComparison.Ordinal));
    }

    [Fact]
    public void Merging_joins_text_and_excerpts_into_the_previous_problem_and_renumbers_the_rest()
    {
        var draft = Draft();
        var second = draft.Aspects[0].Problems[1];

        draft.MergeIntoPrevious(second.Key);

        var plan = draft.Plan(0, 0);
        var merged = plan.Aspects[0].Problems.Single();
        Assert.Equal("理论学习不深入", merged.Title);
        Assert.Contains("部分工作推进迟缓", merged.Text, StringComparison.Ordinal);
        Assert.Contains("2.落实决策部署有差距", merged.SourceExcerpt, StringComparison.Ordinal);
        Assert.Equal("1+2", draft.Aspects[0].Problems[0].SourceOrdinal);
        Assert.Equal(2, plan.Aspects[1].Problems[0].Number);
    }

    [Fact]
    public void The_first_problem_of_an_aspect_cannot_be_merged()
    {
        var draft = Draft();
        var ex = Assert.Throws<DomainException>(() => draft.MergeIntoPrevious(draft.Aspects[1].Problems[0].Key));
        Assert.Contains("第一个问题", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Splitting_at_a_sub_point_makes_a_new_problem_right_after_titled_by_its_first_sentence()
    {
        var draft = Draft();
        var first = draft.Aspects[0].Problems[0];
        var offsets = IntakeDraft.SplitPoints(first);
        var atSecondPoint = first.Text.IndexOf("二是", StringComparison.Ordinal);
        Assert.Contains(atSecondPoint, offsets);

        var created = draft.Split(first.Key, atSecondPoint);

        Assert.Equal("理论学习不深入。一是学习形式单一。", first.Text);
        Assert.Equal("二是研讨交流不够", created.Title);
        Assert.Equal("1(拆分)", created.SourceOrdinal);
        var plan = draft.Plan(0, 0);
        Assert.Equal(["理论学习不深入", "二是研讨交流不够", "落实决策部署有差距", "财务管理不规范"],
            plan.Aspects.SelectMany(a => a.Problems).Select(p => p.Title));
        Assert.Equal([1, 2, 3, 4], plan.Aspects.SelectMany(a => a.Problems).Select(p => p.Number));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000)]
    public void Splitting_outside_the_text_is_refused(int offset)
    {
        var draft = Draft();
        Assert.Throws<DomainException>(() => draft.Split(draft.Aspects[0].Problems[0].Key, offset));
    }

    [Fact]
    public void Moving_a_problem_to_another_aspect_renumbers_in_the_order_shown_and_skips_an_emptied_aspect()
    {
        var draft = Draft();
        var finance = draft.Aspects[1].Problems[0];

        draft.Move(finance.Key, draft.Aspects[0].Key);

        var plan = draft.Plan(0, 0);
        Assert.Single(plan.Aspects);
        Assert.Equal(["理论学习不深入", "落实决策部署有差距", "财务管理不规范"], plan.Aspects[0].Problems.Select(p => p.Title));
        Assert.Equal([1, 2, 3], plan.Aspects[0].Problems.Select(p => p.Number));
    }

    [Fact]
    public void Dropped_problems_aspects_and_notes_are_not_planned()
    {
        var draft = Draft();
        draft.DropProblem(draft.Aspects[0].Problems[1].Key);
        draft.DropAspect(draft.Aspects[1].Key);
        draft.KeepNote(draft.Notes[0].Key, keep: false);

        var plan = draft.Plan(0, 0);

        Assert.Equal(["理论学习不深入"], plan.Aspects.SelectMany(a => a.Problems).Select(p => p.Title));
        Assert.Equal(draft.Notes.Count - 1, plan.Notes.Count);
        Assert.DoesNotContain(plan.Notes, n => n.Contains("关于巡察某单位党组的反馈意见", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropping_everything_leaves_a_plan_that_cannot_be_confirmed()
    {
        var draft = Draft();
        foreach (var aspect in draft.Aspects.ToList())
        {
            draft.DropAspect(aspect.Key);
        }

        var plan = draft.Plan(0, 0);
        Assert.False(plan.IsValid);
        Assert.Contains("没有可导入的问题:请至少保留一个问题。", plan.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Titles_cannot_be_emptied(string title)
    {
        var draft = Draft();
        var ex = Assert.Throws<DomainException>(() => draft.RenameProblem(draft.Aspects[0].Problems[0].Key, title));
        Assert.Equal("问题标题不能为空。", ex.Message);
        Assert.Throws<DomainException>(() => draft.RenameAspect(draft.Aspects[0].Key, title));
    }

    [Fact]
    public void Renamed_titles_are_trimmed_and_planned()
    {
        var draft = Draft();
        draft.RenameAspect(draft.Aspects[0].Key, "  理论武装不到位 ");
        draft.RenameProblem(draft.Aspects[0].Problems[0].Key, "学习不深入不系统");

        var plan = draft.Plan(0, 0);
        Assert.Equal("理论武装不到位", plan.Aspects[0].Title);
        Assert.Equal("学习不深入不系统", plan.Aspects[0].Problems[0].Title);
    }

    [Fact]
    public void A_round_cannot_exceed_ninety_nine_aspects()
    {
        var plan = Draft().Plan(existingMaxAspectOrdinal: 98, existingMaxProblemNumber: 0);
        Assert.Contains("一个巡察轮次最多 99 个方面。", plan.Errors);
    }

    [Fact]
    public void The_fingerprint_ignores_layout_and_full_width_forms_but_not_content()
    {
        var pasted = "（一）学习不到位\r\n\r\n１．理论学习不深入。  一是形式单一。";
        var extracted = "(一)学习不到位\n1.理论学习不深入。一是形式单一。\n";
        var other = "(一)学习不到位\n1.理论学习不深入。一是形式多样。\n";

        Assert.Equal(FeedbackFingerprint.Of(pasted), FeedbackFingerprint.Of(extracted));
        Assert.NotEqual(FeedbackFingerprint.Of(extracted), FeedbackFingerprint.Of(other));
        Assert.Equal(FeedbackFingerprint.Of(Document), Draft().Fingerprint);
    }
}
