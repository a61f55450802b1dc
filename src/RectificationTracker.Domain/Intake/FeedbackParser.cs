using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RectificationTracker.Domain.Intake;

/// <summary>
/// Reads the outline of a feedback document (反馈意见): sections 一、二、…, the aspects (一)(二)… and
/// problems 1. 2. … of the main-problems section, and each problem's sub-points.
/// </summary>
/// <remarks>
/// Two linear passes over the lines: the first classifies each line on its own (heading, aspect,
/// problem, page furniture, plain text), the second assembles the outline. Markers are matched on a
/// folded copy of each line (full-width to half-width, keyword characters to Simplified) whose indices
/// equal the original's, so everything the user sees is cut from the original text.
/// </remarks>
public static partial class FeedbackParser
{
    private const string ImplicitAspectTitle = "存在的主要问题";
    private const int MaxFurnitureLength = 40;

    // Shared by the splitter and the "line starts with a point" test; the boundary before a marker is
    // checked in code because prose such as 统一是 would otherwise read as a point.
    private const string PointMarkerPattern = @"[一二三四五六七八九十]{1,3}是|\(\d{1,2}\)|[\u2460-\u2487]";

    /// <summary>Parses the plain text of a feedback document.</summary>
    /// <exception cref="FeedbackParseException">
    /// The text is empty, is not text (a binary file), or has no numbered problem at all.
    /// </exception>
    public static FeedbackOutline Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FeedbackParseException("反馈意见内容为空,请上传或粘贴反馈意见全文。");
        }

        if (text.Length > FeedbackText.MaxCharacters)
        {
            throw new FeedbackParseException(FeedbackText.TooLongMessage);
        }

        if (FeedbackText.LooksBinary(text))
        {
            throw new FeedbackParseException("无法识别的文件内容:文本中有大量乱码或控制字符,请确认上传的是反馈意见的 Word 文档或纯文本。");
        }

        var lines = FeedbackText.Normalize(text).Split('\n');
        var outline = new OutlineBuilder(lines, Classify(lines)).Build();
        if (!outline.Aspects.Exists(a => a.Problems.Count > 0))
        {
            throw new FeedbackParseException("未能识别出任何问题:请确认“存在的主要问题”中的问题以“1.”“2.”等编号开头。");
        }

        return outline;
    }

    private enum LineKind { Blank, Furniture, Section, Aspect, Problem, Plain }

    private enum SectionKind { None, MainProblems, Suggestions, Other }

    private readonly record struct LineInfo(
        LineKind Kind,
        int Number = 0,
        int RestStart = 0,
        string Numeral = "",
        SectionKind Section = SectionKind.None,
        bool StartsWithPoint = false);

    private static LineInfo[] Classify(string[] lines)
    {
        var infos = new LineInfo[lines.Length];
        string? title = null;
        var seenContent = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var folded = FeedbackText.Fold(lines[i]);
            var info = ClassifyLine(folded);
            if (info.Kind == LineKind.Plain)
            {
                // The first line is the document's title when it reads like one; page headers repeat it.
                if (!seenContent && folded.Length <= 60 && !EndsSentence(folded))
                {
                    title = folded;
                }
                else if (title is not null && string.Equals(folded, title, StringComparison.Ordinal))
                {
                    info = new LineInfo(LineKind.Furniture);
                }
            }

            seenContent |= info.Kind != LineKind.Blank;
            infos[i] = info;
        }

        return infos;
    }

    private static LineInfo ClassifyLine(string folded)
    {
        if (folded.Length == 0)
        {
            return new LineInfo(LineKind.Blank);
        }

        // Page numbers and headers are short; the length test also keeps the pattern's optional spaces
        // from costing quadratic time on a long line.
        if (folded.Length <= MaxFurnitureLength && PageFurnitureRegex().IsMatch(folded))
        {
            return new LineInfo(LineKind.Furniture);
        }

        var match = SectionRegex().Match(folded);
        if (match.Success && FeedbackText.ParseChineseNumeral(match.Groups["n"].ValueSpan) is > 0 and var section)
        {
            var rest = match.Groups["rest"];
            return new LineInfo(LineKind.Section, section, rest.Index, Section: NumberedSectionKind(rest.Value));
        }

        match = AspectRegex().Match(folded);
        if (match.Success && FeedbackText.ParseChineseNumeral(match.Groups["n"].ValueSpan) is > 0 and var aspect)
        {
            return new LineInfo(LineKind.Aspect, aspect, match.Groups["rest"].Index, match.Groups["n"].Value);
        }

        match = ProblemRegex().Match(folded);
        if (match.Success)
        {
            var number = int.Parse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            return new LineInfo(LineKind.Problem, number, match.Groups["rest"].Index);
        }

        if (folded.Length <= 20)
        {
            if (UnnumberedMainHeadingRegex().IsMatch(folded))
            {
                return new LineInfo(LineKind.Section, Section: SectionKind.MainProblems);
            }

            if (UnnumberedSuggestionsHeadingRegex().IsMatch(folded))
            {
                return new LineInfo(LineKind.Section, Section: SectionKind.Suggestions);
            }
        }

        return new LineInfo(LineKind.Plain, StartsWithPoint: LeadingPointMarkerRegex().IsMatch(folded));
    }

    private static SectionKind NumberedSectionKind(string title)
    {
        // Section headings of a feedback document are short; a long heading that merely mentions
        // 问题 (as in a progress bulletin: "…加强自身问题整改…") is narrative, not the problems section.
        if (title.Length > 30)
        {
            return SectionKind.Other;
        }

        // "存在的主要问题及整改意见" is still the problems section, "对问题整改的意见建议" is not.
        if (title.Contains("主要问题", StringComparison.Ordinal)
            || title.Contains("存在的问题", StringComparison.Ordinal)
            || title.Contains("发现的问题", StringComparison.Ordinal))
        {
            return SectionKind.MainProblems;
        }

        if (title.Contains("建议", StringComparison.Ordinal)
            || title.Contains("意见", StringComparison.Ordinal)
            || title.Contains("要求", StringComparison.Ordinal))
        {
            return SectionKind.Suggestions;
        }

        return title.Length <= 15 && title.Contains("问题", StringComparison.Ordinal)
            ? SectionKind.MainProblems
            : SectionKind.Other;
    }

    private static bool EndsSentence(string line)
    {
        var end = line.AsSpan().TrimEnd("”’」』\"'");
        return end.Length > 0 && "。!?;:…！？；：".Contains(end[^1], StringComparison.Ordinal);
    }

    /// <summary>The first sentence of the first line (up to 。 or a colon) and what follows it.</summary>
    private static (string Title, string Remainder) SplitTitle(string text)
    {
        var lineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = lineEnd < 0 ? text : text[..lineEnd];
        var end = firstLine.AsSpan().IndexOfAny("。：:");
        var title = (end < 0 ? firstLine : firstLine[..end]).Trim().TrimEnd(',', '，', ';', '；', '、');
        return (title, end < 0 ? "" : text[(end + 1)..].Trim());
    }

    /// <summary>
    /// Sub-points are a run of markers of one kind numbered 1, 2, 3…; of the runs with at least two
    /// points the one that starts first wins, so "一是…三是…(1)…(2)" keeps (1)(2) inside the third point.
    /// </summary>
    private static List<string> SplitPoints(string text)
    {
        var starts = PointStarts(text);
        var points = new List<string>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            points.Add(text[starts[i]..end].Trim());
        }

        return points;
    }

    /// <summary>The first sentence of a problem's text (up to the first 。 or colon): its title.</summary>
    internal static string TitleOf(string text) => SplitTitle(text).Title;

    /// <summary>Where the sub-points of <paramref name="text"/> start (see <see cref="SplitPoints"/>); empty when it has none.</summary>
    internal static List<int> PointStarts(string text)
    {
        var folded = FeedbackText.Fold(text);
        var runs = new List<int>?[4];
        foreach (var marker in PointMarkerRegex().EnumerateMatches(folded))
        {
            if (marker.Index > 0 && !"\n 。;:!?,".Contains(folded[marker.Index - 1], StringComparison.Ordinal))
            {
                continue;
            }

            var span = folded.AsSpan(marker.Index, marker.Length);
            var (kind, value) = span[^1] == '是' ? (0, FeedbackText.ParseChineseNumeral(span[..^1]))
                : span[0] == '(' ? (1, int.Parse(span[1..^1], NumberStyles.None, CultureInfo.InvariantCulture))
                : span[0] <= '\u2473' ? (2, span[0] - '\u2460' + 1)
                : (3, span[0] - '\u2474' + 1);
            var run = runs[kind] ??= [];
            if (value == run.Count + 1)
            {
                run.Add(marker.Index);
            }
        }

        List<int>? starts = null;
        foreach (var run in runs)
        {
            if (run is { Count: >= 2 } && (starts is null || run[0] < starts[0]))
            {
                starts = run;
            }
        }

        return starts ?? [];
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:第\s*[\d一二三四五六七八九十百〇零]+\s*页(?:\s*[,/]?\s*共\s*[\d一二三四五六七八九十百〇零]+\s*页)?|共\s*\d+\s*页\s*[,/]?\s*第\s*\d+\s*页|[-~\s]*\d{1,4}[-~\s]*|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+(?:\s*(?:of|/)\s*\d+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageFurnitureRegex();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.]\s*(?<rest>.*)$")]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"^\(\s*(?<n>[一二三四五六七八九十]{1,3})\s*\)[\s、.,:]*(?<rest>.*)$")]
    private static partial Regex AspectRegex();

    // (?!\d) keeps decimals (3.5万元) and section numbers (1.1) from reading as problems; years such as
    // "2016年9月" have no separator and never match.
    [GeneratedRegex(@"^(?<n>\d{1,3})\s*[.、](?!\d)\s*(?<rest>.*)$")]
    private static partial Regex ProblemRegex();

    [GeneratedRegex(@"^(?:巡察|巡视)?(?:组)?(?:发现|存在)?的?(?:主要)?问题(?:和不足|及表现)?(?:如下)?:?$")]
    private static partial Regex UnnumberedMainHeadingRegex();

    // No bare 意见: a title line such as "巡察意见" must not switch the problems off.
    [GeneratedRegex(@"^(?:巡察|巡视)?(?:意见建议|意见和建议|整改意见|整改建议|整改要求|建议)(?:如下)?:?$")]
    private static partial Regex UnnumberedSuggestionsHeadingRegex();

    [GeneratedRegex(PointMarkerPattern)]
    private static partial Regex PointMarkerRegex();

    [GeneratedRegex("^(?:" + PointMarkerPattern + ")")]
    private static partial Regex LeadingPointMarkerRegex();

    /// <summary>The second pass: a small state machine over the classified lines.</summary>
    private sealed class OutlineBuilder(string[] lines, LineInfo[] infos)
    {
        private readonly FeedbackOutline outline = new();
        private readonly bool hasMainSection = Array.Exists(infos, i => i.Section == SectionKind.MainProblems);

        // Plain paragraphs after a problem: they belong to it if another problem or aspect follows in
        // the same section, and are notes (closing remarks) if the section ends first.
        private readonly List<(int Line, bool Glue)> pending = [];

        private bool inProblemRegion;
        private bool suggestionsSeen;
        private ParsedAspect? aspect;
        private ProblemDraft? problem;
        private StringBuilder? note;
        private bool awaitingAspectTitle;
        private bool pageBreakSinceLastLine;
        private int lastContentLine = -1;
        private ParsedAspect? lastNumberedAspect;
        private int lastProblemNumber;
        private bool restartWarned;

        public FeedbackOutline Build()
        {
            // Without a main-problems heading, aspects anywhere before the suggestions are the problems.
            inProblemRegion = !hasMainSection;
            for (var i = 0; i < lines.Length; i++)
            {
                Accept(i, infos[i]);
            }

            ReleasePending(toProblem: false);
            CloseProblem();
            CloseAspect();
            FinishNote();
            if (!hasMainSection)
            {
                outline.Warnings.Insert(0, "未找到“存在的主要问题”标题,已将意见建议之前的方面和问题作为主要问题。");
            }

            return outline;
        }

        private void Accept(int i, LineInfo info)
        {
            if (info.Kind == LineKind.Blank)
            {
                return;
            }

            if (info.Kind == LineKind.Furniture)
            {
                pageBreakSinceLastLine = true;
                return;
            }

            // A sentence cut by a page break continues on the next page: join it without a line break.
            var glue = pageBreakSinceLastLine && info.Kind == LineKind.Plain && lastContentLine >= 0
                && !EndsSentence(lines[lastContentLine]);
            pageBreakSinceLastLine = false;
            lastContentLine = i;

            switch (info.Kind)
            {
                case LineKind.Section:
                    OnSection(i, info);
                    break;
                case LineKind.Aspect when inProblemRegion:
                    OnAspect(i, info);
                    break;
                case LineKind.Problem when inProblemRegion:
                    OnProblem(i, info);
                    break;
                case LineKind.Plain when inProblemRegion:
                    OnPlain(i, info, glue);
                    break;
                default:
                    AppendNote(i, glue);
                    break;
            }
        }

        private void OnSection(int i, LineInfo info)
        {
            ReleasePending(toProblem: false);
            CloseProblem();
            CloseAspect();
            awaitingAspectTitle = false;
            suggestionsSeen |= info.Section == SectionKind.Suggestions;
            lastNumberedAspect = null; // aspects are numbered from (一) again in every section
            inProblemRegion = info.Section == SectionKind.MainProblems
                || (!hasMainSection && !suggestionsSeen);
            FinishNote();
            AppendNote(i, glue: false);
        }

        private void OnAspect(int i, LineInfo info)
        {
            ReleasePending(toProblem: true);
            CloseProblem();
            CloseAspect();
            FinishNote();

            var ordinal = "(" + info.Numeral + ")";
            if (lastNumberedAspect is null)
            {
                if (info.Number != 1)
                {
                    Warn(Invariant($"方面序号不从(一)开始:第一个方面是{ordinal}"));
                }
            }
            else if (info.Number == lastNumberedAspect.Number)
            {
                Warn(Invariant($"方面序号重复:{lastNumberedAspect.Ordinal}之后又是{ordinal}"));
            }
            else if (info.Number != lastNumberedAspect.Number + 1)
            {
                Warn(Invariant($"方面序号不连续:{lastNumberedAspect.Ordinal}之后是{ordinal}"));
            }

            var (title, remainder) = SplitTitle(lines[i][info.RestStart..]);
            aspect = new ParsedAspect { Ordinal = ordinal, Number = info.Number, Title = title };
            outline.Aspects.Add(aspect);
            lastNumberedAspect = aspect;
            awaitingAspectTitle = title.Length == 0;
            if (remainder.Length > 0)
            {
                // An aspect's introduction has no place in the model; keep it, whole, as a note.
                AppendNote(i, glue: false);
            }
        }

        private void OnProblem(int i, LineInfo info)
        {
            ReleasePending(toProblem: true);
            CloseProblem();
            FinishNote();
            awaitingAspectTitle = false;
            if (aspect is null)
            {
                aspect = new ParsedAspect { Ordinal = "", Number = 0, Title = ImplicitAspectTitle };
                outline.Aspects.Add(aspect);
                Warn(Invariant($"第{info.Number}个问题前没有方面标题((一)(二)…),已归入“{ImplicitAspectTitle}”。"));
            }

            var n = info.Number;
            if (lastProblemNumber == 0)
            {
                if (n != 1)
                {
                    Warn(Invariant($"问题序号不从1开始:第一个问题是第{n}个"));
                }
            }
            else if (n == 1 && aspect.Problems.Count == 0)
            {
                // Some offices number problems within each aspect; that is a scheme, not a slip.
                if (!restartWarned)
                {
                    Warn("各方面的问题分别从1开始编号,问题序号在全文中不唯一");
                    restartWarned = true;
                }
            }
            else if (n == lastProblemNumber)
            {
                Warn(Invariant($"问题序号重复:第{lastProblemNumber}个问题之后又是第{n}个"));
            }
            else if (n != lastProblemNumber + 1)
            {
                Warn(Invariant($"问题序号不连续:第{lastProblemNumber}个问题之后是第{n}个"));
            }

            lastProblemNumber = n;
            problem = new ProblemDraft(n, i);
            problem.Append(lines[i][info.RestStart..], glue: false, i);
        }

        private void OnPlain(int i, LineInfo info, bool glue)
        {
            if (awaitingAspectTitle && aspect is not null)
            {
                awaitingAspectTitle = false;
                var (title, remainder) = SplitTitle(lines[i]);
                aspect.Title = title;
                if (remainder.Length > 0)
                {
                    AppendNote(i, glue: false);
                }
            }
            else if (problem is null)
            {
                AppendNote(i, glue);
            }
            else if (info.StartsWithPoint)
            {
                // A line opening with 二是/(2)/② continues a list, so the paragraphs before it did too.
                ReleasePending(toProblem: true);
                problem.Append(lines[i], glue, i);
            }
            else if (glue && pending.Count == 0)
            {
                problem.Append(lines[i], glue: true, i);
            }
            else
            {
                pending.Add((i, glue));
            }
        }

        private void ReleasePending(bool toProblem)
        {
            if (pending.Count == 0)
            {
                return;
            }

            if (!toProblem || problem is null)
            {
                FinishNote();
            }

            foreach (var (line, glue) in pending)
            {
                if (toProblem && problem is not null)
                {
                    problem.Append(lines[line], glue, line);
                }
                else
                {
                    AppendNote(line, glue);
                }
            }

            pending.Clear();
        }

        private void CloseProblem()
        {
            if (problem is null || aspect is null)
            {
                return;
            }

            var text = problem.Text.ToString();
            aspect.Problems.Add(new ParsedProblem
            {
                Ordinal = problem.Number,
                Title = SplitTitle(text).Title,
                Text = text,
                Points = SplitPoints(text),
                SourceExcerpt = string.Join('\n', lines, problem.FirstLine, problem.LastLine - problem.FirstLine + 1),
            });
            problem = null;
        }

        private void CloseAspect()
        {
            if (aspect is { Problems.Count: 0 })
            {
                Warn(Invariant($"方面{aspect.Ordinal}“{aspect.Title}”下没有识别到问题"));
            }

            aspect = null;
        }

        private void AppendNote(int line, bool glue)
        {
            note ??= new StringBuilder();
            if (note.Length > 0 && !glue)
            {
                note.Append('\n');
            }

            note.Append(lines[line]);
        }

        private void FinishNote()
        {
            if (note is { Length: > 0 })
            {
                outline.Notes.Add(note.ToString());
            }

            note = null;
        }

        private void Warn(string message) => outline.Warnings.Add(message);
    }

    private sealed class ProblemDraft(int number, int firstLine)
    {
        public int Number { get; } = number;

        public int FirstLine { get; } = firstLine;

        public int LastLine { get; private set; } = firstLine;

        public StringBuilder Text { get; } = new();

        public void Append(string content, bool glue, int line)
        {
            if (Text.Length > 0 && content.Length > 0 && !glue)
            {
                Text.Append('\n');
            }

            Text.Append(content.Trim());
            LastLine = line;
        }
    }
}
