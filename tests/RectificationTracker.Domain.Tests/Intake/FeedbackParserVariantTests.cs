using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

public class FeedbackParserVariantTests
{
    private static List<ParsedProblem> Problems(FeedbackOutline outline) =>
        outline.Aspects.SelectMany(a => a.Problems).ToList();

    [Fact]
    public void Full_width_digits_and_punctuation_are_read_like_half_width_ones()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            （一）理论学习不深入
            １．学习制度落实不到位。学习流于形式。
            ２．学习效果不明显：研讨不深入
            （二）作风建设有差距
            ３．调查研究不够。
            """);

        Assert.Equal(["(一)", "(二)"], outline.Aspects.Select(a => a.Ordinal));
        Assert.Equal("理论学习不深入", outline.Aspects[0].Title);
        Assert.Equal([1, 2, 3], Problems(outline).Select(p => p.Ordinal));
        Assert.Equal(["学习制度落实不到位", "学习效果不明显", "调查研究不够"], Problems(outline).Select(p => p.Title));
        Assert.Equal("学习制度落实不到位。学习流于形式。", Problems(outline)[0].Text);
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void Problems_numbered_with_a_dun_comma_are_problems()
    {
        var outline = FeedbackParser.Parse("""
            存在的主要问题
            (一)政治建设方面
            1、“第一议题”制度落实不严格。个别会议未学习。
            2、 民主生活会质量不高。批评和自我批评不够。
            """);

        Assert.Equal(["“第一议题”制度落实不严格", "民主生活会质量不高"], Problems(outline).Select(p => p.Title));
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void Aspects_beyond_ten_use_compound_chinese_numerals()
    {
        var lines = new List<string> { "二、存在的主要问题" };
        var numerals = new[] { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十三" };
        for (var i = 0; i < 12; i++)
        {
            lines.Add($"（{numerals[i]}）第{i + 1}个方面");
            lines.Add($"{i + 1}.第{i + 1}个问题。问题描述。");
        }

        var outline = FeedbackParser.Parse(string.Join("\n", lines));

        Assert.Equal(Enumerable.Range(1, 12), outline.Aspects.Select(a => a.Number));
        Assert.Equal("(十一)", outline.Aspects[10].Ordinal);
        Assert.Equal("(十二)", outline.Aspects[11].Ordinal);
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void Traditional_headings_are_recognised_and_titles_stay_as_written()
    {
        var outline = FeedbackParser.Parse("""
            關於巡察某局黨組的反饋意見
            一、總體評價
            黨組班子團結。
            二、存在的主要問題
            （一）貫徹落實決策部署不到位
            1.學習不系統。一是學習方式單一。二是學習內容不充實。
            三、意見建議
            （一）強化學習。一是完善制度。
            """);

        var aspect = Assert.Single(outline.Aspects);
        Assert.Equal("貫徹落實決策部署不到位", aspect.Title);
        var problem = Assert.Single(aspect.Problems);
        Assert.Equal("學習不系統", problem.Title);
        Assert.Equal(2, problem.Points.Count);
        Assert.Contains(outline.Notes, n => n.StartsWith("三、意見建議\n（一）強化學習。", StringComparison.Ordinal));
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void Page_headers_and_footers_inside_a_problem_are_dropped_and_a_split_sentence_is_rejoined()
    {
        var outline = FeedbackParser.Parse("""
            关于巡察某局党组的反馈意见
            二、存在的主要问题
            (一)学习不深入
            1.理论学习不系统。党组成员传达一下

            - 3 -
            关于巡察某局党组的反馈意见

            讲话精神,很少交流研讨。
            第 4 页 共 10 页
            一是学习方式单一。
            第4页
            二是学习内容不充实。
            2.调研不够。
            """);

        var first = Problems(outline)[0];
        Assert.Equal("理论学习不系统。党组成员传达一下讲话精神,很少交流研讨。\n一是学习方式单一。\n二是学习内容不充实。", first.Text);
        Assert.Equal(["一是学习方式单一。", "二是学习内容不充实。"], first.Points);
        Assert.Contains("第 4 页 共 10 页", first.SourceExcerpt, StringComparison.Ordinal);
        Assert.Equal([1, 2], Problems(outline).Select(p => p.Ordinal));
        Assert.DoesNotContain(outline.Notes, n => n.Contains("- 3 -", StringComparison.Ordinal));
        Assert.Empty(outline.Warnings);
    }

    [Fact]
    public void A_skipped_problem_ordinal_is_kept_and_reported()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            5.问题五。
            6.问题六。
            (二)方面二
            8.问题八。
            """);

        Assert.Equal([5, 6, 8], Problems(outline).Select(p => p.Ordinal));
        Assert.Equal(["问题序号不从1开始:第一个问题是第5个", "问题序号不连续:第6个问题之后是第8个"], outline.Warnings);
    }

    [Fact]
    public void A_repeated_problem_ordinal_is_kept_and_reported()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.问题一。
            2.问题二。
            2.问题二又一个。
            3.问题三。
            """);

        Assert.Equal([1, 2, 2, 3], Problems(outline).Select(p => p.Ordinal));
        Assert.Equal(["问题序号重复:第2个问题之后又是第2个"], outline.Warnings);
    }

    [Fact]
    public void Skipped_and_repeated_aspect_ordinals_are_reported()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.问题一。
            (三)方面三
            2.问题二。
            (三)方面三又一个
            3.问题三。
            """);

        Assert.Equal([1, 3, 3], outline.Aspects.Select(a => a.Number));
        Assert.Equal(["方面序号不连续:(一)之后是(三)", "方面序号重复:(三)之后又是(三)"], outline.Warnings);
    }

    [Fact]
    public void Problems_numbered_from_one_in_every_aspect_are_kept_with_one_warning()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.问题一。
            2.问题二。
            (二)方面二
            1.问题一。
            (三)方面三
            1.问题一。
            """);

        Assert.Equal([1, 2, 1, 1], Problems(outline).Select(p => p.Ordinal));
        Assert.Equal(["各方面的问题分别从1开始编号,问题序号在全文中不唯一"], outline.Warnings);
    }

    [Fact]
    public void Circled_number_points_are_split()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.制度执行不严：①请销假制度执行不严；②公务用车管理不规范；③会议记录不完整。
            """);

        var problem = Assert.Single(Problems(outline));
        Assert.Equal("制度执行不严", problem.Title);
        Assert.Equal(["①请销假制度执行不严；", "②公务用车管理不规范；", "③会议记录不完整。"], problem.Points);
    }

    [Fact]
    public void Numbered_sub_points_on_their_own_lines_stay_with_their_problem()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.财务管理不规范。
            （1）公务卡使用不规范
            （2）票据手续不全
            2.资产管理不到位。
            """);

        var first = Problems(outline)[0];
        Assert.Equal(["（1）公务卡使用不规范", "（2）票据手续不全"], first.Points);
        Assert.Equal([1, 2], Problems(outline).Select(p => p.Ordinal));
    }

    [Fact]
    public void A_lone_sub_point_does_not_hide_a_later_list_of_points()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.制度执行不严。见附件(1)。一是考勤制度执行不严。二是财务制度执行不严。
            """);

        Assert.Equal(["一是考勤制度执行不严。", "二是财务制度执行不严。"], Problems(outline)[0].Points);
    }

    [Fact]
    public void Ordinals_on_a_line_of_their_own_take_the_title_from_the_next_line()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)
            学习不深入
            1.
            理论学习不系统。学习流于形式。
            2.调研不够。
            """);

        Assert.Equal("学习不深入", outline.Aspects[0].Title);
        Assert.Equal("理论学习不系统", Problems(outline)[0].Title);
        Assert.Equal("理论学习不系统。学习流于形式。", Problems(outline)[0].Text);
        Assert.Equal("1.\n理论学习不系统。学习流于形式。", Problems(outline)[0].SourceExcerpt);
    }

    [Fact]
    public void Prose_containing_yi_shi_is_not_split_into_points()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.思想不统一。统一是前提,二是指第二个环节。
            """);

        Assert.Empty(Problems(outline)[0].Points);
    }

    [Fact]
    public void A_paragraph_between_problems_belongs_to_the_problem_before_it()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            (一)方面一
            1.问题一。
            问题一的补充说明。
            2.问题二。
            巡察期间发现的问题线索已按规定处置。
            三、意见建议
            请认真整改。
            """);

        Assert.Equal("问题一。\n问题一的补充说明。", Problems(outline)[0].Text);
        Assert.Equal("问题二。", Problems(outline)[1].Text);
        Assert.Contains("巡察期间发现的问题线索已按规定处置。", outline.Notes);
    }

    [Fact]
    public void Numbers_and_dates_at_the_start_of_a_line_are_not_problems()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            2016年9月,曾开展常规巡察。
            (一)方面一
            1.问题一。
            3.5万元支出无审批。
            2.问题二。
            """);

        Assert.Equal([1, 2], Problems(outline).Select(p => p.Ordinal));
        Assert.Equal("问题一。\n3.5万元支出无审批。", Problems(outline)[0].Text);
        Assert.Contains(outline.Notes, n => n.Contains("2016年9月", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_without_any_aspect_go_into_one_implicit_aspect_with_a_warning()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            1.问题一。
            2.问题二。
            三、意见建议
            1.建议一。
            """);

        var aspect = Assert.Single(outline.Aspects);
        Assert.Equal("", aspect.Ordinal);
        Assert.Equal(0, aspect.Number);
        Assert.Equal("存在的主要问题", aspect.Title);
        Assert.Equal([1, 2], aspect.Problems.Select(p => p.Ordinal));
        Assert.Single(outline.Warnings);
        Assert.Contains("没有方面标题", outline.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_main_problems_heading_aspects_before_the_suggestions_are_the_problems()
    {
        var outline = FeedbackParser.Parse("""
            根据县委统一部署,巡察组对某局开展了巡察。
            (一)学习不深入
            1.问题一。
            (二)作风不扎实
            2.问题二。
            三、意见建议
            (一)强化学习。一是完善制度。
            (二)转变作风。
            """);

        Assert.Equal(["学习不深入", "作风不扎实"], outline.Aspects.Select(a => a.Title));
        Assert.Equal(["未找到“存在的主要问题”标题,已将意见建议之前的方面和问题作为主要问题。"], outline.Warnings);
        Assert.Contains(outline.Notes, n => n.StartsWith("三、意见建议\n(一)强化学习。", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t\u3000 ")]
    public void Empty_text_is_rejected(string text)
    {
        var error = Assert.Throws<FeedbackParseException>(() => FeedbackParser.Parse(text));
        Assert.Contains("为空", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_is_rejected_as_unrecognisable()
    {
        var garbage = "PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\uFFFD\uFFFDword/document.xml\uFFFD\u0001\u0002\uFFFD";

        var error = Assert.Throws<FeedbackParseException>(() => FeedbackParser.Parse(garbage));
        Assert.StartsWith("无法识别的文件内容", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_numbered_problems_is_rejected()
    {
        var error = Assert.Throws<FeedbackParseException>(() => FeedbackParser.Parse(SeedDocuments.Read("001_0df48dd595422079.txt")));
        Assert.StartsWith("未能识别出任何问题", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_page_document_parses_completely()
    {
        var text = LargeFeedbackDocument.Build(aspects: 20, problemsPerAspect: 35, out var expectedProblems);
        Assert.True(text.Length >= 100_000, $"document has only {text.Length} characters");

        var outline = FeedbackParser.Parse(text);

        Assert.Equal(20, outline.Aspects.Count);
        Assert.Equal("(二十)", outline.Aspects[^1].Ordinal);
        Assert.Equal(Enumerable.Range(1, expectedProblems), Problems(outline).Select(p => p.Ordinal));
        Assert.All(Problems(outline), p => Assert.Equal(3, p.Points.Count));
        Assert.Empty(outline.Warnings);
    }
}
