using RectificationTracker.Domain.Intake;

namespace RectificationTracker.Domain.Tests.Intake;

public class FeedbackTextTests
{
    [Fact]
    public void Normalize_unifies_line_breaks_and_trims_every_line_including_ideographic_spaces()
    {
        Assert.Equal("一、总体评价\n班子团结。\n二、存在的主要问题", FeedbackText.Normalize("\uFEFF一、总体评价  \r\n\u3000\u3000班子团结。\r二、存在的主要问题\n"));
    }

    [Fact]
    public void Normalize_keeps_at_most_one_blank_line_and_drops_invisible_characters()
    {
        Assert.Equal("甲\n\n乙丙", FeedbackText.Normalize("\n\n甲\n\n\n \n乙\u200B丙\u0007\n\n"));
    }

    [Fact]
    public void Normalize_leaves_full_width_punctuation_and_digits_as_written()
    {
        Assert.Equal("（一）１．问题：说明", FeedbackText.Normalize("（一）１．问题：说明"));
    }

    [Fact]
    public void Normalize_treats_form_feeds_as_line_breaks()
    {
        Assert.Equal("第一页末尾\n第二页开头", FeedbackText.Normalize("第一页末尾\f第二页开头"));
    }
}
