using System.Globalization;

namespace RectificationTracker.Domain.Intake;

/// <summary>
/// The totals a feedback document states about itself ("共发现4个方面37个具体问题", "反馈问题22个",
/// "3大类12个方面37个问题"), kept beside what was counted so a mismatch is seen, never papered over.
/// </summary>
/// <param name="Categories">大类, when stated; nothing in the outline corresponds to it, so it is shown, not compared.</param>
/// <param name="Aspects">个方面, when stated.</param>
/// <param name="Problems">个(具体)问题, when stated.</param>
/// <param name="Statement">The sentence fragment the numbers were read from, as written.</param>
public sealed record StatedTotals(int? Categories, int? Aspects, int? Problems, string Statement)
{
    /// <summary>
    /// Simplified Chinese warnings naming the stated and the counted number wherever they differ; empty
    /// when they agree. The counts are never adjusted to fit: the office checks the document.
    /// </summary>
    public IReadOnlyList<string> Compare(int countedAspects, int countedProblems)
    {
        var warnings = new List<string>();
        if (Problems is { } p && p != countedProblems)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"总数不符:文件所述问题为{p}个(“{Statement}”),实际识别出{countedProblems}个问题。请对照原文核对是否漏识别、多识别或原文总数有误;系统不会为凑数重新编号。"));
        }

        if (Aspects is { } a && a != countedAspects)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"总数不符:文件所述方面为{a}个(“{Statement}”),实际识别出{countedAspects}个方面。请对照原文核对。"));
        }

        return warnings;
    }

    /// <summary>"3大类、4个方面、37个问题": the stated numbers for display.</summary>
    public string Describe()
    {
        var parts = new List<string>(3);
        if (Categories is { } c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{c}大类"));
        }

        if (Aspects is { } a)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{a}个方面"));
        }

        if (Problems is { } p)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{p}个问题"));
        }

        return string.Join("、", parts);
    }
}

/// <summary>What kind of page furniture a dropped line was.</summary>
public enum FurnitureKind
{
    /// <summary>页码: "第 3 页 共 10 页", "— 3 —", "3/10".</summary>
    PageNumber,

    /// <summary>密级或保密标志: "秘密★1年", "内部资料 注意保存".</summary>
    Marking,

    /// <summary>份号: "No.000123", "第3份".</summary>
    CopyNumber,

    /// <summary>页眉: the document's title or another short line repeated at the top of every page.</summary>
    RunningHeader,
}

/// <summary>A line the parser left out of the outline because it is page furniture, not content.</summary>
/// <param name="Line">1-based line number in the normalised text (blank lines collapsed).</param>
public sealed record DroppedLine(int Line, string Text, FurnitureKind Kind)
{
    public string KindName => Kind switch
    {
        FurnitureKind.PageNumber => "页码",
        FurnitureKind.Marking => "密级或保密标志",
        FurnitureKind.CopyNumber => "份号",
        FurnitureKind.RunningHeader => "页眉",
        _ => Kind.ToString(),
    };
}
