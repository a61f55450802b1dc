using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

public class FeedbackParserSeedTests
{
    private static readonly FeedbackOutline Outline = FeedbackParser.Parse(SeedDocuments.FeedbackDocument003());

    [Fact]
    public void Seed_003_has_five_aspects_numbered_one_to_five()
    {
        Assert.Equal(["(一)", "(二)", "(三)", "(四)", "(五)"], Outline.Aspects.Select(a => a.Ordinal));
        Assert.Equal([1, 2, 3, 4, 5], Outline.Aspects.Select(a => a.Number));
    }

    [Fact]
    public void Seed_003_has_problems_one_to_fourteen_numbered_across_aspects()
    {
        Assert.Equal(Enumerable.Range(1, 14), Outline.Aspects.SelectMany(a => a.Problems).Select(p => p.Ordinal));
        Assert.Equal([3, 3, 3, 4, 1], Outline.Aspects.Select(a => a.Problems.Count));
    }

    [Fact]
    public void Seed_003_aspect_titles_are_the_heading_lines()
    {
        Assert.Equal(
            ["贯彻落实上级决策部署不到位、不到底", "工作作风仍需持续改进", "“两个责任”履行不力", "基层党组织建设存在薄弱环节", "财务支出不规范"],
            Outline.Aspects.Select(a => a.Title));
    }

    [Fact]
    public void Seed_003_problem_titles_end_at_the_first_full_stop()
    {
        var problems = Outline.Aspects.SelectMany(a => a.Problems).ToList();
        Assert.Equal("对习近平新时代中国特色社会主义思想学习不全面、不系统", problems[0].Title);
        Assert.Equal("贯彻落实上级决策部署存在差距", problems[1].Title);
        Assert.Equal("主体责任落实空乏", problems[6].Title);
        Assert.Equal("队伍管理机制不完善,优秀人才缺乏", problems[11].Title);
        Assert.Equal("财务支出存在不规范现象", problems[13].Title);
        Assert.StartsWith("对习近平新时代中国特色社会主义思想学习不全面、不系统。一是学习方式待丰富。", problems[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_problem_1_has_three_points_one_shi_two_shi_three_shi()
    {
        var points = Outline.Aspects[0].Problems[0].Points;

        Assert.Equal(3, points.Count);
        Assert.StartsWith("一是学习方式待丰富。", points[0], StringComparison.Ordinal);
        Assert.StartsWith("二是学习内容不充实。", points[1], StringComparison.Ordinal);
        Assert.StartsWith("三是学习实效有欠缺。", points[2], StringComparison.Ordinal);
        Assert.EndsWith("对干警思想政治工作的力度还有欠缺。", points[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_problem_2_keeps_its_numbered_sub_points_inside_the_third_point()
    {
        var problem = Outline.Aspects[0].Problems[1];

        Assert.Contains("(1)在抓好检察工作全面发展的同时", problem.Text, StringComparison.Ordinal);
        Assert.Contains("(2)在有效化解违法占地", problem.Text, StringComparison.Ordinal);
        Assert.Equal(3, problem.Points.Count);
        Assert.Contains("(1)", problem.Points[2], StringComparison.Ordinal);
        Assert.Contains("(2)", problem.Points[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_problem_7_points_are_its_numbered_sub_points()
    {
        var problem = Outline.Aspects[2].Problems[0];

        Assert.Equal(7, problem.Ordinal);
        Assert.Equal(2, problem.Points.Count);
        Assert.StartsWith("(1)党组落实全面从严治党主体责任不力", problem.Points[0], StringComparison.Ordinal);
        Assert.StartsWith("(2)党组主要精力放在了司法办案", problem.Points[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_notes_hold_the_preamble_the_evaluation_the_closing_remarks_and_the_suggestions()
    {
        Assert.StartsWith("关于巡察县检察院党组的反馈意见", Outline.Notes[0], StringComparison.Ordinal);
        Assert.Contains(Outline.Notes, n => n.StartsWith("一、对党组的整体评价\n检察院党组是一个团结的班子", StringComparison.Ordinal));
        Assert.Contains(Outline.Notes, n => n.Contains("2016年9月,漯河市人民检察院", StringComparison.Ordinal));
        Assert.Contains(Outline.Notes, n => n.StartsWith("巡察县检察院党组的情况,会前已向", StringComparison.Ordinal));
        var suggestions = Assert.Single(Outline.Notes, n => n.StartsWith("三、意见建议", StringComparison.Ordinal));
        Assert.Contains("(一)强化学习提升,增强政治自觉。一是完善学习制度。", suggestions, StringComparison.Ordinal);
        Assert.Contains("(四)强化监督管理,持续正风肃纪。", suggestions, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_003_closing_remarks_do_not_leak_into_the_last_problem()
    {
        var last = Outline.Aspects[^1].Problems[^1];

        Assert.EndsWith("存在无经手人、无领导签字报销支出情况。", last.Text, StringComparison.Ordinal);
        Assert.Equal("14." + last.Text, last.SourceExcerpt);
    }

    [Fact]
    public void Seed_003_parses_without_warnings()
    {
        Assert.Empty(Outline.Warnings);
    }
}
