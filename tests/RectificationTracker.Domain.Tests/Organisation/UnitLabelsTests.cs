using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Domain.Tests.Organisation;

public sealed class UnitLabelsTests
{
    private static readonly UnitNode[] Tree =
    [
        new(1, "江城市人民检察院", null),
        new(2, "西河县人民检察院", 1),
        new(3, "东岭县人民检察院", 1),
        new(4, "南山县人民检察院", 1, ShortName: "南山院"),
        new(5, "综合办公室", 2),
        new(6, "综合办公室", 3),
        new(7, "综合办公室", 4),
        new(8, "第一检察部", 1),
    ];

    [Fact]
    public void Three_counties_offices_of_the_same_name_read_distinctly_and_unique_names_stay_bare()
    {
        var labels = UnitLabels.Build(Tree);

        Assert.Equal("西河县人民检察院 / 综合办公室", labels[5]);
        Assert.Equal("东岭县人民检察院 / 综合办公室", labels[6]);
        Assert.Equal("南山院 / 综合办公室", labels[7]);
        Assert.Equal("第一检察部", labels[8]);
        Assert.Equal("南山院", labels[4]);
        Assert.Equal(labels.Count, labels.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_configured_short_name_is_used_as_is_and_qualified_only_when_it_clashes()
    {
        var labels = UnitLabels.Build([.. Tree, new UnitNode(9, "西河县人民检察院综合办公室", 2, ShortName: "西河综合办")]);
        Assert.Equal("西河综合办", labels[9]);

        var clash = UnitLabels.Build([new(1, "甲院", null), new(2, "乙院", null), new(3, "办公室A", 1, "办公室"), new(4, "办公室", 2)]);
        Assert.Equal("甲院 / 办公室", clash[3]);
        Assert.Equal("乙院 / 办公室", clash[4]);
    }

    [Fact]
    public void Same_names_under_same_named_parents_are_qualified_further_up()
    {
        var labels = UnitLabels.Build(
        [
            new(1, "甲市院", null), new(2, "乙市院", null),
            new(3, "县院", 1), new(4, "县院", 2),
            new(5, "办公室", 3), new(6, "办公室", 4),
        ]);

        Assert.Equal("甲市院 / 县院 / 办公室", labels[5]);
        Assert.Equal("乙市院 / 县院 / 办公室", labels[6]);
        Assert.Equal("甲市院 / 县院", labels[3]);
    }
}
