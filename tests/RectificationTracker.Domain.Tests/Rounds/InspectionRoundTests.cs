using RectificationTracker.Domain.Rounds;

namespace RectificationTracker.Domain.Tests.Rounds;

public class InspectionRoundTests
{
    [Theory]
    [InlineData(1, "(一)")]
    [InlineData(2, "(二)")]
    [InlineData(5, "(五)")]
    [InlineData(10, "(十)")]
    [InlineData(12, "(十二)")]
    public void Aspect_label_is_its_chinese_ordinal_in_parentheses(int ordinal, string label) =>
        Assert.Equal(label, new Aspect { Ordinal = ordinal, Title = "贯彻落实上级决策部署不到位" }.OrdinalLabel);

    [Fact]
    public void Aspect_without_an_ordinal_has_no_label()
    {
        var aspect = new Aspect();

        Assert.Throws<ArgumentOutOfRangeException>(() => aspect.OrdinalLabel);
    }

    [Theory]
    [InlineData(RoundKind.Regular, "常规巡察")]
    [InlineData(RoundKind.Special, "专项巡察")]
    [InlineData(RoundKind.Mobile, "机动巡察")]
    [InlineData(RoundKind.LookBack, "巡察“回头看”")]
    [InlineData(RoundKind.CrossLevel, "提级交叉巡察")]
    public void Round_kind_has_its_chinese_name(RoundKind kind, string name) =>
        Assert.Equal(name, RoundKindNames.DisplayName(kind));
}
