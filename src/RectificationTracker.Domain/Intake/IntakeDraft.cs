using System.Globalization;
using RectificationTracker.Domain.Common;

namespace RectificationTracker.Domain.Intake;

/// <summary>
/// The parsed outline as the inspection office reviews it before the issue list is created: titles
/// can be edited, problems merged, split, moved to another aspect or dropped, notes dropped.
/// </summary>
/// <remarks>
/// Numbering rule: the document's ordinals are kept only to show where an item came from. On
/// <see cref="Plan"/> the aspects that still hold problems are numbered after the round's existing
/// aspects, and problems continuously after the round's existing problems, in the order shown.
/// Gaps and repeats in the document are reported by the parser as warnings; the preview shows the
/// original ordinal beside the number the problem will get, so nothing is renumbered silently.
/// Every operation names items by a stable key, so the page can refer to them across edits.
/// </remarks>
public sealed class IntakeDraft
{
    private int _nextKey;

    private IntakeDraft(string fingerprint) => Fingerprint = fingerprint;

    /// <summary>The normalised-text fingerprint of the source document (<see cref="FeedbackFingerprint"/>).</summary>
    public string Fingerprint { get; }

    public List<DraftAspect> Aspects { get; } = [];

    public List<DraftNote> Notes { get; } = [];

    /// <summary>The parser's warnings, as they were when the document was read.</summary>
    public List<string> Warnings { get; } = [];

    public IEnumerable<DraftProblem> Problems => Aspects.SelectMany(a => a.Problems);

    /// <summary>The totals the document states about itself, or null; compared live with the draft in <see cref="TotalsWarnings"/>.</summary>
    public StatedTotals? Stated { get; private set; }

    /// <summary>Page furniture the parser left out (shown so nothing disappears unseen).</summary>
    public List<DroppedLine> Dropped { get; } = [];

    /// <summary>Aspects that hold problems, as confirming would create them.</summary>
    public int CountedAspects => Aspects.Count(a => a.Problems.Count > 0);

    public int CountedProblems => Aspects.Sum(a => a.Problems.Count);

    /// <summary>
    /// Stated and counted totals compared as the draft stands now (a merge or split changes the count);
    /// empty when they agree or nothing is stated. A mismatch is shown, never fixed by renumbering.
    /// </summary>
    public IReadOnlyList<string> TotalsWarnings => Stated?.Compare(CountedAspects, CountedProblems) ?? [];

    /// <summary>Starts a draft from the parser's outline of <paramref name="sourceText"/>.</summary>
    public static IntakeDraft From(FeedbackOutline outline, string sourceText)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(sourceText);
        var draft = new IntakeDraft(FeedbackFingerprint.Of(sourceText));
        foreach (var aspect in outline.Aspects)
        {
            var a = new DraftAspect(draft.NewKey(), aspect.Ordinal, aspect.Title);
            foreach (var p in aspect.Problems)
            {
                a.Problems.Add(new DraftProblem(draft.NewKey(), p.Ordinal.ToString(CultureInfo.InvariantCulture), p.Title, p.Text, p.SourceExcerpt));
            }

            draft.Aspects.Add(a);
        }

        foreach (var note in outline.Notes)
        {
            draft.Notes.Add(new DraftNote(draft.NewKey(), note));
        }

        // The totals comparison is kept live in TotalsWarnings, so the parse-time copy is not repeated here.
        var parsedTotals = outline.Stated?.Compare(outline.CountedAspects, outline.CountedProblems) ?? [];
        draft.Warnings.AddRange(outline.Warnings.Where(w => !parsedTotals.Contains(w)));
        draft.Stated = outline.Stated;
        draft.Dropped.AddRange(outline.Dropped);
        return draft;
    }

    public DraftAspect Aspect(int key) =>
        Aspects.FirstOrDefault(a => a.Key == key) ?? throw new DomainException("未找到该方面,请刷新预览。");

    public DraftProblem Problem(int key) =>
        Problems.FirstOrDefault(p => p.Key == key) ?? throw new DomainException("未找到该问题,请刷新预览。");

    public DraftAspect AspectOf(DraftProblem problem) =>
        Aspects.First(a => a.Problems.Contains(problem));

    public void RenameAspect(int key, string title) => Aspect(key).Title = Required(title, "方面标题");

    public void RenameProblem(int key, string title) => Problem(key).Title = Required(title, "问题标题");

    /// <summary>
    /// Appends a problem to the one before it in the same aspect (a problem the document or the parser
    /// cut in two): texts and source excerpts are joined, the earlier title stays.
    /// </summary>
    public void MergeIntoPrevious(int key)
    {
        var problem = Problem(key);
        var aspect = AspectOf(problem);
        var index = aspect.Problems.IndexOf(problem);
        if (index == 0)
        {
            throw new DomainException("这是该方面的第一个问题,没有可合并的上一个问题。");
        }

        var previous = aspect.Problems[index - 1];
        previous.Text = previous.Text + "\n" + problem.Text;
        previous.SourceExcerpt = previous.SourceExcerpt + "\n" + problem.SourceExcerpt;
        previous.SourceOrdinal = previous.SourceOrdinal + "+" + problem.SourceOrdinal;
        aspect.Problems.RemoveAt(index);
    }

    /// <summary>
    /// Where a problem can sensibly be split: the start of every line and every sub-point (一是/(1)/①)
    /// after the first character. Each is an offset into <see cref="DraftProblem.Text"/>.
    /// </summary>
    public static IReadOnlyList<int> SplitPoints(DraftProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = problem.Text;
        var offsets = new SortedSet<int>(FeedbackParser.PointStarts(text));
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            offsets.Add(i + 1);
        }

        return offsets.Where(o => o > 0 && o < text.Length && text[o..].Trim().Length > 0 && text[..o].Trim().Length > 0).ToList();
    }

    /// <summary>
    /// Splits a problem at <paramref name="offset"/> of its text: the part after it becomes a new
    /// problem right after this one, titled by its first sentence. Both keep the source excerpt they
    /// came from. Returns the new problem.
    /// </summary>
    public DraftProblem Split(int key, int offset)
    {
        var problem = Problem(key);
        var text = problem.Text;
        if (offset <= 0 || offset >= text.Length || text[..offset].Trim().Length == 0 || text[offset..].Trim().Length == 0)
        {
            throw new DomainException("拆分位置无效:拆分后的两部分都必须有内容。");
        }

        var head = text[..offset].Trim();
        var tail = text[offset..].Trim();
        var aspect = AspectOf(problem);
        var created = new DraftProblem(NewKey(), problem.SourceOrdinal + "(拆分)", TitleOrStart(tail), tail, problem.SourceExcerpt);
        problem.Text = head;
        if (!head.Contains(problem.Title, StringComparison.Ordinal))
        {
            problem.Title = TitleOrStart(head);
        }

        aspect.Problems.Insert(aspect.Problems.IndexOf(problem) + 1, created);
        return created;
    }

    /// <summary>Moves a problem to the end of another aspect.</summary>
    public void Move(int key, int targetAspectKey)
    {
        var problem = Problem(key);
        var target = Aspect(targetAspectKey);
        var source = AspectOf(problem);
        if (ReferenceEquals(source, target))
        {
            return;
        }

        source.Problems.Remove(problem);
        target.Problems.Add(problem);
    }

    /// <summary>Drops a problem that is noise (not imported).</summary>
    public void DropProblem(int key)
    {
        var problem = Problem(key);
        AspectOf(problem).Problems.Remove(problem);
    }

    /// <summary>Drops an aspect together with the problems still under it.</summary>
    public void DropAspect(int key) => Aspects.Remove(Aspect(key));

    /// <summary>Keeps or leaves out a note (text outside the problems) from the round's notes.</summary>
    public void KeepNote(int key, bool keep) =>
        (Notes.FirstOrDefault(n => n.Key == key) ?? throw new DomainException("未找到该段文字,请刷新预览。")).Keep = keep;

    /// <summary>What confirming would create, numbered after what the round already holds; see the class remarks.</summary>
    public IntakePlan Plan(int existingMaxAspectOrdinal, int existingMaxProblemNumber)
    {
        var aspects = new List<PlannedAspect>();
        var aspectOrdinal = existingMaxAspectOrdinal;
        var number = existingMaxProblemNumber;
        foreach (var aspect in Aspects.Where(a => a.Problems.Count > 0))
        {
            aspectOrdinal++;
            var problems = aspect.Problems
                .Select(p => new PlannedProblem(++number, p.Title.Trim(), p.Text.Trim(), p.SourceExcerpt, p.Key))
                .ToList();
            aspects.Add(new PlannedAspect(aspectOrdinal, aspect.Title.Trim(), problems, aspect.Key));
        }

        return new IntakePlan(aspects, Notes.Where(n => n.Keep).Select(n => n.Text).ToList(), Errors(aspects, existingMaxAspectOrdinal));
    }

    private static List<string> Errors(List<PlannedAspect> aspects, int existingMaxAspectOrdinal)
    {
        var errors = new List<string>();
        if (aspects.Count == 0)
        {
            errors.Add("没有可导入的问题:请至少保留一个问题。");
        }

        if (existingMaxAspectOrdinal + aspects.Count > 99)
        {
            errors.Add("一个巡察轮次最多 99 个方面。");
        }

        foreach (var a in aspects)
        {
            if (a.Title.Length == 0)
            {
                errors.Add($"方面({ChineseNumerals.Format(Math.Min(a.Ordinal, 99))})的标题为空。");
            }
            else if (a.Title.Length > SchemaLimits.TitleLength)
            {
                errors.Add($"方面“{Short(a.Title)}”的标题超过 {SchemaLimits.TitleLength} 字。");
            }

            foreach (var p in a.Problems)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"问题{p.Number}");
                if (p.Title.Length == 0)
                {
                    errors.Add(label + "的标题为空。");
                }
                else if (p.Title.Length > SchemaLimits.TitleLength)
                {
                    errors.Add($"{label}的标题超过 {SchemaLimits.TitleLength} 字。");
                }

                if (p.Text.Length > SchemaLimits.LongTextLength || p.SourceExcerpt.Length > SchemaLimits.LongTextLength)
                {
                    errors.Add($"{label}的内容超过 {SchemaLimits.LongTextLength} 字,请拆分。");
                }
            }
        }

        return errors;
    }

    private static string TitleOrStart(string text)
    {
        var title = FeedbackParser.TitleOf(text);
        return title.Length > 0 ? title : Short(text);
    }

    private static string Short(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private static string Required(string? value, string what)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException($"{what}不能为空。");
        }

        if (trimmed.Length > SchemaLimits.TitleLength)
        {
            throw new DomainException($"{what}不能超过 {SchemaLimits.TitleLength} 字。");
        }

        return trimmed;
    }

    private int NewKey() => ++_nextKey;
}

public sealed class DraftAspect(int key, string sourceOrdinal, string title)
{
    public int Key { get; } = key;

    /// <summary>The ordinal as the document wrote it, "(一)"; "" for the parser's implicit aspect.</summary>
    public string SourceOrdinal { get; } = sourceOrdinal;

    public string Title { get; set; } = title;

    public List<DraftProblem> Problems { get; } = [];
}

public sealed class DraftProblem(int key, string sourceOrdinal, string title, string text, string sourceExcerpt)
{
    public int Key { get; } = key;

    /// <summary>The number(s) the document gave it: "3", "3+4" after a merge, "3(拆分)" for the second half of a split.</summary>
    public string SourceOrdinal { get; set; } = sourceOrdinal;

    public string Title { get; set; } = title;

    public string Text { get; set; } = text;

    public string SourceExcerpt { get; set; } = sourceExcerpt;
}

public sealed class DraftNote(int key, string text)
{
    public int Key { get; } = key;

    public string Text { get; } = text;

    public bool Keep { get; set; } = true;
}

/// <summary>The aspects and problems confirming will create, with their final numbers, and what blocks it.</summary>
public sealed record IntakePlan(IReadOnlyList<PlannedAspect> Aspects, IReadOnlyList<string> Notes, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public int ProblemCount => Aspects.Sum(a => a.Problems.Count);
}

public sealed record PlannedAspect(int Ordinal, string Title, IReadOnlyList<PlannedProblem> Problems, int DraftKey)
{
    public string OrdinalLabel => "(" + ChineseNumerals.Format(Math.Clamp(Ordinal, 1, 99)) + ")";
}

public sealed record PlannedProblem(int Number, string Title, string Text, string SourceExcerpt, int DraftKey);
