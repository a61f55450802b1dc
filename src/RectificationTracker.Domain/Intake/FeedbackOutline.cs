namespace RectificationTracker.Domain.Intake;

/// <summary>
/// The outline read from a feedback document (反馈意见): the aspects and numbered problems of the
/// "main problems" section, everything else as notes, and what looked wrong as warnings.
/// It is a proposal for the inspection office to review before the issue list is created.
/// </summary>
public sealed class FeedbackOutline
{
    public List<ParsedAspect> Aspects { get; set; } = [];

    /// <summary>Text that is not a problem (title, overall evaluation, suggestions), one entry per block.</summary>
    public List<string> Notes { get; set; } = [];

    /// <summary>Simplified Chinese messages about ordinals that skip or repeat, missing headings and the like.</summary>
    public List<string> Warnings { get; set; } = [];

    /// <summary>The totals the document states about itself, or null when it states none.</summary>
    public StatedTotals? Stated { get; set; }

    /// <summary>Page furniture left out (page numbers, classification marks, copy numbers, running headers), in document order.</summary>
    public List<DroppedLine> Dropped { get; set; } = [];

    /// <summary>Aspects that hold problems: what importing the outline as read would create.</summary>
    public int CountedAspects => Aspects.Count(a => a.Problems.Count > 0);

    public int CountedProblems => Aspects.Sum(a => a.Problems.Count);
}

/// <summary>An aspect (方面), numbered (一)(二)… in the source.</summary>
public sealed class ParsedAspect
{
    /// <summary>The ordinal as written, with half-width parentheses: "(一)", "(十一)"; "" for the implicit aspect.</summary>
    public string Ordinal { get; set; } = "";

    /// <summary>The ordinal's value (1 for "(一)"); 0 for the implicit aspect.</summary>
    public int Number { get; set; }

    public string Title { get; set; } = "";

    public List<ParsedProblem> Problems { get; set; } = [];
}

/// <summary>A problem (问题), numbered 1. 2. … continuously across aspects.</summary>
public sealed class ParsedProblem
{
    /// <summary>The number as written; never renumbered, so gaps and repeats survive (and are warned about).</summary>
    public int Ordinal { get; set; }

    /// <summary>The first sentence, up to the first 。 or colon.</summary>
    public string Title { get; set; } = "";

    /// <summary>The whole text without the leading "1." marker, title included.</summary>
    public string Text { get; set; } = "";

    /// <summary>Sub-points (一是…/(1)…/①…), each with its marker; empty when the problem has none.</summary>
    public List<string> Points { get; set; } = [];

    /// <summary>The source lines the problem was read from, page headers and footers included.</summary>
    public string SourceExcerpt { get; set; } = "";
}
