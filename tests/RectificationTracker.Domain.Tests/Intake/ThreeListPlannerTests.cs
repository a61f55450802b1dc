using RectificationTracker.Domain.Intake;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Intake;

public sealed class ThreeListPlannerTests
{
    private static readonly ThreeListReference Reference = new()
    {
        FeedbackDate = new DateOnly(2026, 5, 10),
        Units = new Dictionary<string, int?> { ["政治部"] = 2, ["办公室"] = 3, ["综合办公室"] = null, ["东岭县人民检察院/综合办公室"] = 7 },
        Leaders = new Dictionary<string, string?> { ["李建国"] = "u-li", ["王芳"] = null },
        Aspects = [new ExistingAspect(1, 1, "学习不深入")],
        Problems = new Dictionary<int, ExistingProblem> { [1] = new(10, 1, "理论学习不系统", 1) },
        Tasks = new Dictionary<(int, int), ExistingTask>
        {
            [(1, 1)] = new(100, "建立学习计划", TaskCategory.Deadline, "u-li", 2, [3], "郑洁", new DateOnly(2026, 6, 30), IsClosed: false),
            [(1, 2)] = new(101, "完善考核", TaskCategory.Immediate, "u-li", 2, [], null, new DateOnly(2026, 6, 1), IsClosed: true),
        },
    };

    private static ThreeListRow Row(int row, params string[] cells) => new(row, cells);

    [Theory]
    [InlineData("2026-06-30")]
    [InlineData("2026/6/30")]
    [InlineData("2026.6.30")]
    [InlineData("2026年6月30日")]
    [InlineData(" 2026-6-30 ")]
    [InlineData("46203")]
    public void Dates_as_people_type_them_or_as_excel_stores_them_are_read(string text) =>
        Assert.Equal(new DateOnly(2026, 6, 30), ThreeListPlanner.ParseDate(text));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("30/06/2026")]
    [InlineData("下月底")]
    [InlineData("46203.5")]
    [InlineData("")]
    public void Other_text_is_not_a_date(string text) => Assert.Null(ThreeListPlanner.ParseDate(text));

    [Theory]
    [InlineData("(一)学习不深入", "学习不深入")]
    [InlineData("（十二）作风不实", "作风不实")]
    [InlineData("学习不深入", "学习不深入")]
    public void The_aspect_label_is_optional(string cell, string title) => Assert.Equal(title, ThreeListPlanner.StripOrdinal(cell));

    [Fact]
    public void An_unchanged_row_is_unchanged_a_changed_one_lists_its_changes_and_a_new_pair_creates()
    {
        var plan = ThreeListPlanner.Plan(
        [
            Row(2, "", "1", "", "1", "建立学习计划", "限期整改", "李建国", "政治部", "办公室", "郑洁", "2026-06-30"),
            Row(3, "", "1", "", "3", "新措施", "长期整改", "李建国", "政治部", "", "", ""),
            Row(4, "(二)作风不实", "2", "新问题", "1", "措施", "立行立改", "李建国", "东岭县人民检察院/综合办公室", "", "", "2026-05-10"),
        ], Reference);

        Assert.True(plan.IsValid, string.Join(";", plan.Errors.Select(e => e.Message)));
        Assert.Equal([RowAction.Unchanged, RowAction.Create, RowAction.Create], plan.Rows.Select(r => r.Action));
        Assert.True(plan.Rows[2].NewProblem);
        Assert.Equal("作风不实", plan.Rows[2].AspectTitle);
        Assert.Equal(7, plan.Rows[2].ResponsibleUnitId);

        var changed = ThreeListPlanner.Plan([Row(2, "", "1", "", "1", "建立学习计划", "限期整改", "李建国", "政治部", "", "郑洁", "2026-07-31")], Reference);
        Assert.Equal(RowAction.Update, changed.Rows.Single().Action);
        Assert.Equal(["配合单位 → ", "整改时限:2026-06-30 → 2026-07-31"], changed.Rows.Single().Changes);
    }

    [Fact]
    public void A_closed_task_cannot_be_changed_by_an_import_but_may_appear_unchanged()
    {
        var same = ThreeListPlanner.Plan([Row(2, "", "1", "", "2", "完善考核", "立行立改", "李建国", "政治部", "", "", "2026-06-01")], Reference);
        var changed = ThreeListPlanner.Plan([Row(2, "", "1", "", "2", "完善考核制度", "立行立改", "李建国", "政治部", "", "", "2026-06-01")], Reference);

        Assert.True(same.IsValid);
        var error = Assert.Single(changed.Errors);
        Assert.Equal((2, "任务序号"), (error.Row, error.Column));
        Assert.Contains("已销号", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_names_and_conflicting_problem_titles_are_errors()
    {
        var plan = ThreeListPlanner.Plan(
        [
            Row(2, "(二)作风", "5", "问题甲", "1", "措施", "立行立改", "王芳", "综合办公室", "政治部、政治部", "", "2026-06-01"),
            Row(3, "(二)作风", "5", "问题乙", "2", "措施", "立行立改", "李建国", "政治部", "政治部", "", "2026-06-01"),
        ], Reference);

        var errors = plan.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((2, "牵头领导"), errors);
        Assert.Contains((2, "责任单位"), errors);
        Assert.Contains((3, "问题"), errors);
        Assert.Contains((3, "配合单位"), errors);
        Assert.DoesNotContain(plan.Rows, r => r.RowNumber == 2 || r.RowNumber == 3);
    }

    [Fact]
    public void A_sheet_without_rows_cannot_be_imported()
    {
        var plan = ThreeListPlanner.Plan([], Reference);
        Assert.Equal("表格中没有数据行:请从第 2 行起每行填写一项整改任务。", Assert.Single(plan.Errors).Message);
    }
}
