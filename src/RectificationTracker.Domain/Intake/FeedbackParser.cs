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
        var dropped = new List<DroppedLine>();
        var outline = new OutlineBuilder(lines, Classify(lines, dropped)).Build();
        outline.Dropped.AddRange(dropped);
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
        bool StartsWithPoint = false,
        FurnitureKind Furniture = FurnitureKind.PageNumber);

    private static LineInfo[] Classify(string[] lines, List<DroppedLine> dropped)
    {
        var infos = new LineInfo[lines.Length];
        var folds = new string[lines.Length];
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            folds[i] = FeedbackText.Fold(lines[i]);
            if (MayBeRunningHeader(folds[i]))
            {
                repeats[folds[i]] = repeats.GetValueOrDefault(folds[i]) + 1;
            }
        }

        string? title = null;
        var seenContent = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var folded = folds[i];
            var info = ClassifyLine(folded);
            if (info.Kind == LineKind.Plain)
            {
                // The first line is the document's title when it reads like one; page headers repeat it,
                // and any other short line that recurs word for word (a running header) is furniture too.
                if (!seenContent && folded.Length <= 60 && !EndsSentence(folded))
                {
                    title = folded;
                }
                else if ((title is not null && string.Equals(folded, title, StringComparison.Ordinal))
                    || (MayBeRunningHeader(folded) && repeats.GetValueOrDefault(folded) >= 2 && !info.StartsWithPoint))
                {
                    info = new LineInfo(LineKind.Furniture, Furniture: FurnitureKind.RunningHeader);
                }
            }

            if (info.Kind == LineKind.Furniture)
            {
                dropped.Add(new DroppedLine(i + 1, lines[i], info.Furniture));
            }

            seenContent |= info.Kind is not (LineKind.Blank or LineKind.Furniture);
            infos[i] = info;
        }

        return infos;
    }

    /// <summary>A short line that is not a sentence: if it recurs word for word, it is a running header.</summary>
    private static bool MayBeRunningHeader(string folded) =>
        folded.Length is >= 4 and <= MaxFurnitureLength && !EndsSentence(folded);

    /// <summary>
    /// Page numbers, classification and handling marks and copy numbers on a line of their own (several
    /// of them may share the line: "秘密★1年 No.000123"); null for anything else.
    /// </summary>
    internal static FurnitureKind? FurnitureOf(string folded)
    {
        // Page furniture is short; the length test also keeps the patterns' optional spaces from
        // costing quadratic time on a long line.
        if (folded.Length == 0 || folded.Length > MaxFurnitureLength)
        {
            return null;
        }

        if (PageFurnitureRegex().IsMatch(folded))
        {
            return FurnitureKind.PageNumber;
        }

        bool marking = false, copy = false;
        var position = 0;
        var tokens = 0;
        while (true)
        {
            while (position < folded.Length && FurnitureSeparators.Contains(folded[position], StringComparison.Ordinal))
            {
                position++;
            }

            if (position == folded.Length)
            {
                break;
            }

            Match token;
            if ((token = MarkingTokenRegex().Match(folded, position)).Success && token.Length > 0)
            {
                marking = true;
            }
            else if ((token = CopyTokenRegex().Match(folded, position)).Success && token.Length > 0)
            {
                copy = true;
            }
            else if (!((token = PageTokenRegex().Match(folded, position)).Success && token.Length > 0))
            {
                return null;
            }

            position += token.Length;
            tokens++;
        }

        return tokens == 0 ? null : marking ? FurnitureKind.Marking : copy ? FurnitureKind.CopyNumber : FurnitureKind.PageNumber;
    }

    private const string FurnitureSeparators = " ,、·•|/:;()[]【】〈〉《》<>\"\u201C\u201D";

    private static LineInfo ClassifyLine(string folded)
    {
        if (folded.Length == 0)
        {
            return new LineInfo(LineKind.Blank);
        }

        if (FurnitureOf(folded) is { } furniture)
        {
            return new LineInfo(LineKind.Furniture, Furniture: furniture);
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

    [GeneratedRegex(@"^(?:第\s*[\d一二三四五六七八九十百〇零]+\s*页(?:\s*[,/]?\s*共\s*[\d一二三四五六七八九十百〇零]+\s*页)?|共\s*\d+\s*页\s*[,/]?\s*第\s*\d+\s*页|[-~·•\s]*\d{1,4}[-~·•\s]*|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+(?:\s*(?:of|/)\s*\d+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageFurnitureRegex();

    // Classification levels (with an optional ★ and term), handling marks and the terms of a 保密期限.
    [GeneratedRegex(@"\G(?:[★☆]\s*)?(?:工作秘密|绝密|机密|秘密|限内部使用|内部资料|内部文件|内部材料|内部刊物|内部使用|内部传阅|内部|保密材料|保密|注意保存|注意保密|妥善保存|妥善保管|用后收回|阅后收回|阅后退回|会后收回|不得外传|严禁外传|不得翻印|不得复制|严禁复制|密级|保密期限|\d{1,2}\s*(?:年|个月)|长期)(?:\s*[★☆]\s*(?:\d{1,2}\s*(?:年|个月)|长期|\.{1,6}|…{1,2})?)?")]
    private static partial Regex MarkingTokenRegex();

    [GeneratedRegex(@"\G(?:(?:No|№)\s*\.?\s*\d{1,10}|第\s*\d{1,6}\s*份|共印?\s*\d{1,6}\s*份|印\s*\d{1,6}\s*份|份号|编号|\d{5,10})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopyTokenRegex();

    [GeneratedRegex(@"\G(?:第\s*[\d一二三四五六七八九十百〇零]+\s*页|共\s*[\d一二三四五六七八九十百〇零]+\s*页|-+\s*\d{1,4}\s*-+|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageTokenRegex();

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

        // Lines that went to the notes (title, preamble, section headings, closing remarks): where a
        // document states its totals. Problem texts are not searched: "共发现3个问题" inside a problem
        // is about that problem.
        private readonly List<int> noteLines = [];

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

            ReadStatedTotals();
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
            noteLines.Add(line);
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

        private void ReadStatedTotals()
        {
            foreach (var line in noteLines)
            {
                if (StatedTotalsIn(lines[line]) is not { } stated)
                {
                    continue;
                }

                if (outline.Stated is null)
                {
                    outline.Stated = stated;
                }
                else if (stated.Problems != outline.Stated.Problems || stated.Aspects != outline.Stated.Aspects)
                {
                    Warn($"文件中所述总数前后不一致:“{outline.Stated.Statement}”与“{stated.Statement}”,以前者比对。");
                }
            }

            if (outline.Stated is { } first)
            {
                outline.Warnings.AddRange(first.Compare(outline.CountedAspects, outline.CountedProblems));
            }
        }
    }

    /// <summary>The totals a line states ("共发现4个方面37个具体问题"), or null when it states none.</summary>
    public static StatedTotals? StatedTotalsIn(string line)
    {
        var folded = FeedbackText.Fold(line);
        foreach (var regex in (ReadOnlySpan<Regex>)[AspectsAndProblemsTotalRegex(), TotalProblemsRegex(), ProblemsCountedRegex()])
        {
            var match = regex.Match(folded);
            if (!match.Success)
            {
                continue;
            }

            var problems = CountOf(match.Groups["p"]);
            if (problems is null or 0)
            {
                continue;
            }

            return new StatedTotals(CountOf(match.Groups["c"]), CountOf(match.Groups["a"]), problems, line.Substring(match.Index, match.Length));
        }

        return null;
    }

    private static int? CountOf(Group group)
    {
        if (!group.Success)
        {
            return null;
        }

        var value = group.ValueSpan;
        if (char.IsAsciiDigit(value[0]))
        {
            return int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var numeral = value.ToString().Replace('两', '二');
        return FeedbackText.ParseChineseNumeral(numeral) is > 0 and var n ? n : null;
    }

    private const string CountPattern = @"(?:\d{1,4}|[一二三四五六七八九十两]{1,3})";

    // "(共发现)3大类4个方面37个具体问题", "主要问题共4个方面37个": aspects stated with problems.
    [GeneratedRegex(@"(?:(?:共|共计|合计|总计)?\s*(?:发现|反馈|指出|梳理|查找|查摆|提出|交办)(?:出|了)?\s*)?(?:(?<c>" + CountPattern + @")\s*(?:个)?大类\s*)?(?<a>" + CountPattern + @")\s*个\s*方面(?:的)?\s*(?:共\s*)?(?<p>" + CountPattern + @")\s*(?:个|项|条)(?:\s*(?:具体|主要))?(?:\s*问题)?")]
    private static partial Regex AspectsAndProblemsTotalRegex();

    // "共发现37个问题", "共计反馈具体问题22个", "发现问题共22个", "反馈问题22个": a total, not "反馈的9个问题" (a
    // sentence about an earlier inspection), so either 共 leads or the number follows 问题.
    [GeneratedRegex(@"(?:共|共计|合计|总计)\s*(?:发现|反馈|指出|梳理|查找|查摆|提出|交办)?(?:出|了)?\s*(?:(?<c>" + CountPattern + @")\s*(?:个)?大类\s*)?(?<p>" + CountPattern + @")\s*(?:个|项|条)\s*(?:具体|主要)?问题")]
    private static partial Regex TotalProblemsRegex();

    [GeneratedRegex(@"(?:发现|反馈|指出|梳理|查找|查摆|提出|交办)(?:出|了)?(?:的)?\s*(?:具体|主要)?问题\s*(?:共|共计|合计)?\s*(?<p>" + CountPattern + @")\s*(?:个|项|条)")]
    private static partial Regex ProblemsCountedRegex();

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
