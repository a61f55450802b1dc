using RectificationTracker.Domain.Common;

namespace RectificationTracker.Domain.Tests.Common;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(2, "二")]
    [InlineData(3, "三")]
    [InlineData(4, "四")]
    [InlineData(5, "五")]
    [InlineData(6, "六")]
    [InlineData(7, "七")]
    [InlineData(8, "八")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(14, "十四")]
    [InlineData(19, "十九")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(37, "三十七")]
    [InlineData(50, "五十")]
    [InlineData(90, "九十")]
    [InlineData(99, "九十九")]
    public void Formats_outline_numbers(int value, string expected) =>
        Assert.Equal(expected, ChineseNumerals.Format(value));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Numbers_outside_one_to_ninety_nine_are_refused(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseNumerals.Format(value));

    [Fact]
    public void Every_number_from_one_to_ninety_nine_is_distinct_and_has_no_zero()
    {
        var all = Enumerable.Range(1, 99).Select(ChineseNumerals.Format).ToList();

        Assert.Equal(99, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, s => Assert.DoesNotContain("零", s, StringComparison.Ordinal));
        Assert.All(all, s => Assert.InRange(s.Length, 1, 3));
    }
}
