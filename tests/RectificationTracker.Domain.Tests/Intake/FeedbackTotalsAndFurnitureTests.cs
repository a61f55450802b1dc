using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

/// <summary>Stated totals read beside the counted ones, and page furniture dropped and listed (issue 13).</summary>
public sealed class FeedbackTotalsAndFurnitureTests
{
    private const string TwoAspectsThreeProblems = """
        二、存在的主要问题
        （一）落实上级部署不到位
        1．学习不系统。一是学习方式单一。二是学用结合不紧。
        2．调研不深入。
        （二）组织建设薄弱
        3．组织生活不规范。
        三、意见建议
        （一）加强学习。
        """;

    [Theory]
    [InlineData("巡察共发现4个方面37个具体问题。", null, 4, 37)]
    [InlineData("本轮巡察反馈问题22个,现反馈如下。", null, null, 22)]
    [InlineData("巡察组共发现3大类12个方面37个问题。", 3, 12, 37)]
    [InlineData("巡察发现主要问题共4个方面37个。", null, 4, 37)]
    [InlineData("共发现问题二十二个。", null, null, 22)]
    [InlineData("共指出３７个具体问题。", null, null, 37)]
    [InlineData("梳理出两个方面十五项问题", null, 2, 15)]
    public void Total_statements_in_their_variants_are_read(string statement, int? categories, int? aspects, int problems)
    {
        var stated = FeedbackParser.StatedTotalsIn(statement);

        Assert.NotNull(stated);
        Assert.Equal(categories, stated.Categories);
        Assert.Equal(aspects, stated.Aspects);
        Assert.Equal(problems, stated.Problems);
        Assert.Contains(stated.Statement, statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("巡察反馈的9个问题及线索在规定时间内已全部完成。")] // seed 003: an earlier inspection's problems
    [InlineData("听取专题汇报2次,个别谈话18人次,发现了一些问题。")]
    [InlineData("存在的主要问题")]
    public void Sentences_that_are_not_totals_are_not_read_as_totals(string line) =>
        Assert.Null(FeedbackParser.StatedTotalsIn(line));

    [Fact]
    public void A_stated_total_that_differs_is_warned_about_naming_both_numbers_and_nothing_is_renumbered()
    {
        var outline = FeedbackParser.Parse("关于巡察某局党组的反馈意见\n巡察共发现2个方面4个具体问题,现反馈如下。\n" + TwoAspectsThreeProblems);

        Assert.Equal(new StatedTotals(null, 2, 4, "共发现2个方面4个具体问题"), outline.Stated);
        Assert.Equal(2, outline.CountedAspects);
        Assert.Equal(3, outline.CountedProblems);
        var warning = Assert.Single(outline.Warnings, w => w.StartsWith("总数不符", StringComparison.Ordinal));
        Assert.Contains("问题为4个", warning, StringComparison.Ordinal);
        Assert.Contains("识别出3个问题", warning, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], outline.Aspects.SelectMany(a => a.Problems).Select(p => p.Ordinal));
    }

    [Fact]
    public void A_stated_total_that_agrees_gives_no_warning_and_seed_003_states_none()
    {
        var agreeing = FeedbackParser.Parse("巡察共发现2个方面3个具体问题。\n" + TwoAspectsThreeProblems);
        Assert.Equal(3, agreeing.Stated?.Problems);
        Assert.Empty(agreeing.Warnings);

        var seed = FeedbackParser.Parse(SeedDocuments.FeedbackDocument003());
        Assert.Null(seed.Stated);
        Assert.DoesNotContain(seed.Warnings, w => w.Contains("总数", StringComparison.Ordinal));
    }

    [Fact]
    public void The_draft_compares_live_so_a_merge_that_meets_the_stated_total_clears_the_warning()
    {
        var outline = FeedbackParser.Parse("共发现2个方面2个问题。\n" + TwoAspectsThreeProblems);
        var draft = IntakeDraft.From(outline, "x");
        Assert.Single(draft.TotalsWarnings);
        Assert.DoesNotContain(draft.Warnings, w => w.StartsWith("总数不符", StringComparison.Ordinal));

        draft.MergeIntoPrevious(draft.Aspects[0].Problems[1].Key);

        Assert.Equal(2, draft.CountedProblems);
        Assert.Empty(draft.TotalsWarnings);
    }

    [Fact]
    public void A_problem_text_mentioning_a_count_is_not_a_stated_total()
    {
        var outline = FeedbackParser.Parse("""
            二、存在的主要问题
            （一）财务管理不规范
            1．票据管理混乱。抽查凭证共发现5个问题。
            """);

        Assert.Null(outline.Stated);
    }

    [Fact]
    public void Classification_marks_copy_numbers_and_page_numbers_between_paragraphs_are_dropped_and_listed()
    {
        var outline = FeedbackParser.Parse("""
            秘密★1年
            No.000123
            关于巡察某局党组的反馈意见
            二、存在的主要问题
            （一）落实上级部署不到位
            1．学习不系统，党组理论学习中心组学习
            — 3 —
            内部资料  注意保存
            第3份
            计划执行不到位。一是学习方式单一。
            -4-
            机密★5年
            二是学用结合不紧。
            第 5 页 共 9 页
            2．调研不深入。
            第6页/共9页
            【内部】
            ·7·
            3．组织生活不规范。
            共印20份 第3份
            """);

        var problems = outline.Aspects.Single().Problems;
        Assert.Equal([1, 2, 3], problems.Select(p => p.Ordinal));
        Assert.Equal("学习不系统，党组理论学习中心组学习计划执行不到位。一是学习方式单一。\n二是学用结合不紧。", problems[0].Text);
        Assert.Equal("调研不深入。", problems[1].Text);
        Assert.Equal("组织生活不规范。", problems[2].Text);
        Assert.Equal(
            [
                ("秘密★1年", FurnitureKind.Marking), ("No.000123", FurnitureKind.CopyNumber), ("— 3 —", FurnitureKind.PageNumber),
                ("内部资料  注意保存", FurnitureKind.Marking), ("第3份", FurnitureKind.CopyNumber), ("-4-", FurnitureKind.PageNumber),
                ("机密★5年", FurnitureKind.Marking), ("第 5 页 共 9 页", FurnitureKind.PageNumber), ("第6页/共9页", FurnitureKind.PageNumber),
                ("【内部】", FurnitureKind.Marking), ("·7·", FurnitureKind.PageNumber), ("共印20份 第3份", FurnitureKind.CopyNumber),
            ],
            outline.Dropped.Select(d => (d.Text, d.Kind)));
        Assert.DoesNotContain(outline.Notes, n => n.Contains('★', StringComparison.Ordinal) || n.Contains("No.", StringComparison.Ordinal));
        Assert.Equal("密级或保密标志", outline.Dropped[0].KindName);
    }

    [Fact]
    public void A_running_header_repeated_on_every_page_is_dropped_but_the_first_title_line_is_kept()
    {
        var outline = FeedbackParser.Parse("""
            关于巡察某局党组的反馈意见
            二、存在的主要问题
            （一）落实上级部署不到位
            1．学习不系统。
            县委第一巡察组反馈材料
            2．调研不深入。
            关于巡察某局党组的反馈意见
            县委第一巡察组反馈材料
            3．组织生活不规范。
            """);

        Assert.Equal(["学习不系统。", "调研不深入。", "组织生活不规范。"], outline.Aspects.Single().Problems.Select(p => p.Text));
        Assert.Equal("关于巡察某局党组的反馈意见", outline.Notes[0].Split('\n')[0]);
        Assert.Equal(3, outline.Dropped.Count);
        Assert.All(outline.Dropped, d => Assert.Equal(FurnitureKind.RunningHeader, d.Kind));
    }

    [Theory]
    [InlineData("秘密文件管理不规范,存在泄密隐患。")]
    [InlineData("内部审计发现资金使用不规范")]
    [InlineData("第3份会议纪要未归档")]
    public void Sentences_that_begin_with_a_mark_word_stay_content(string line)
    {
        var outline = FeedbackParser.Parse($"二、存在的主要问题\n（一）保密管理\n1．保密工作不到位。\n{line}\n2．其他问题。");

        Assert.Empty(outline.Dropped);
        Assert.Contains(line, outline.Aspects[0].Problems[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_carries_stated_and_counted_totals_the_warning_and_what_was_dropped()
    {
        var outline = FeedbackParser.Parse("秘密★1年\n巡察共发现2个方面4个具体问题。\n" + TwoAspectsThreeProblems);

        var json = System.Text.Json.JsonDocument.Parse(FeedbackOutlineJson.Serialize(outline)).RootElement;

        var totals = json.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("stated").GetProperty("problems").GetInt32());
        Assert.Equal(2, totals.GetProperty("stated").GetProperty("aspects").GetInt32());
        Assert.Equal(3, totals.GetProperty("counted").GetProperty("problems").GetInt32());
        var warning = totals.GetProperty("warnings")[0].GetString()!;
        Assert.Contains("4个", warning, StringComparison.Ordinal);
        Assert.Contains("3个问题", warning, StringComparison.Ordinal);
        Assert.Equal("密级或保密标志", json.GetProperty("dropped")[0].GetProperty("kind").GetString());
        Assert.Equal("秘密★1年", json.GetProperty("dropped")[0].GetProperty("text").GetString());
    }
}
