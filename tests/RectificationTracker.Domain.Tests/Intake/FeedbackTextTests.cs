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

public class FeedbackSizeLimitTests
{
    [Fact]
    public void A_text_longer_than_the_limit_is_refused_with_a_message_before_it_is_parsed()
    {
        var text = "二、存在的主要问题\n(一)方面\n1.问题。" + new string('字', FeedbackText.MaxCharacters);

        var ex = Assert.Throws<FeedbackParseException>(() => FeedbackParser.Parse(text));

        Assert.Contains("内容过长", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_at_the_limit_is_parsed()
    {
        var head = "二、存在的主要问题\n(一)方面\n1.问题。";
        var text = head + new string('字', FeedbackText.MaxCharacters - head.Length);

        var outline = FeedbackParser.Parse(text);

        Assert.Single(outline.Aspects.SelectMany(a => a.Problems));
    }

    [Fact]
    public void A_long_line_of_spaces_after_a_page_marker_is_plain_text()
    {
        // Page furniture is short: a long line is never tested against the page-number pattern, whose
        // nested optional spaces made this line cost quadratic time.
        var text = "二、存在的主要问题\n(一)方面\n1.问题。\n第1页" + new string(' ', 50_000) + "完\n";

        var outline = FeedbackParser.Parse(text);

        Assert.Contains("完", string.Concat(outline.Notes) + outline.Aspects[0].Problems[0].Text, StringComparison.Ordinal);
    }
}
