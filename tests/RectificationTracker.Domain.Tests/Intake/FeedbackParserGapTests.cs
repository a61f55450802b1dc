using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

/// <summary>Layouts checked against the intake issue's list of messy documents that the other tests leave out.</summary>
public sealed class FeedbackParserGapTests
{
    [Fact]
    public void Aspects_up_to_ninety_nine_are_read_with_their_values()
    {
        var lines = new List<string> { "二、存在的主要问题" };
        for (var i = 1; i <= 99; i++)
        {
            lines.Add($"（{ChineseNumerals.Format(i)}）第{i}个方面");
            lines.Add($"{i}．第{i}个问题。问题描述。");
        }

        var outline = FeedbackParser.Parse(string.Join("\n", lines));

        Assert.Equal(Enumerable.Range(1, 99), outline.Aspects.Select(a => a.Number));
        Assert.Equal("(九十九)", outline.Aspects[98].Ordinal);
        Assert.Equal("(二十)", outline.Aspects[19].Ordinal);
        Assert.Equal(Enumerable.Range(1, 99), outline.Aspects.SelectMany(a => a.Problems).Select(p => p.Ordinal));
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void A_title_ends_at_a_full_width_colon_and_the_text_continues()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            （一）财务管理不规范
            1、公务接待管理不严格：接待清单与实际不符，存在超标准接待。
            """);

        var problem = outline.Aspects[0].Problems[0];
        Assert.Equal("公务接待管理不严格", problem.Title);
        Assert.Equal("公务接待管理不严格：接待清单与实际不符，存在超标准接待。", problem.Text);
    }

    [Fact]
    public void Traditional_page_footers_and_full_width_points_are_handled()
    {
        var outline = FeedbackParser.Parse("""
            關於巡察某局黨組的反饋意見
            二、存在的主要問題
            （一）制度執行不嚴
            １．會議制度落實不到位。（１）會前醞釀不充分。
            第 2 頁 共 5 頁
            （２）會議記錄不規範。
            ２．請示報告不及時。
            """);

        var problems = outline.Aspects.Single().Problems;
        Assert.Equal([1, 2], problems.Select(p => p.Ordinal));
        Assert.Equal(["（１）會前醞釀不充分。", "（２）會議記錄不規範。"], problems[0].Points);
        Assert.DoesNotContain("頁", problems[0].Text, StringComparison.Ordinal);
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void Text_before_the_first_aspect_and_after_the_last_problem_section_are_notes()
    {
        var outline = FeedbackParser.Parse("""
            根据县委统一部署，巡察组对某局开展了常规巡察。
            二、存在的主要问题
            （一）学习不深入
            1.理论学习不系统。
            三、意见建议
            切实加强理论学习。
            """);

        Assert.Equal("根据县委统一部署，巡察组对某局开展了常规巡察。", outline.Notes[0]);
        Assert.Contains(outline.Notes, n => n.Contains("切实加强理论学习。", StringComparison.Ordinal));
        Assert.DoesNotContain("切实加强", outline.Aspects[0].Problems[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_ordinal_skipping_back_is_reported_not_renumbered()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            （一）学习不深入
            1.问题甲。
            2.问题乙。
            （二）作风不扎实
            5.问题丙。
            4.问题丁。
            """);

        Assert.Equal([1, 2, 5, 4], outline.Aspects.SelectMany(a => a.Problems).Select(p => p.Ordinal));
        Assert.Equal(["问题序号不连续:第2个问题之后是第5个", "问题序号不连续:第5个问题之后是第4个"], outline.Warnings);
    }
}
