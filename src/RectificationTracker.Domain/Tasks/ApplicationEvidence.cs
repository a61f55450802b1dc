namespace RectificationTracker.Domain.Tasks;

/// <summary>
/// The files a closure application holds, fixed when it is submitted: new uploads and files carried forward
/// from the task's earlier (returned or withdrawn) applications. A file held by any application can no longer be
/// removed, so the set stays exactly as submitted; the sign-off sheet and the ledger read it from the application.
/// </summary>
public static class ApplicationEvidence
{
    /// <summary>How the history records an application's files, e.g. "佐证材料 3 份(沿用 2 份、新增 1 份):a.pdf、b.pdf、c.pdf".</summary>
    public static string Describe(IReadOnlyCollection<EvidenceFile> files, int carried)
    {
        ArgumentNullException.ThrowIfNull(files);
        var head = carried > 0
            ? $"佐证材料 {files.Count} 份(沿用此前申请 {carried} 份、新增 {files.Count - carried} 份)"
            : $"佐证材料 {files.Count} 份";
        var names = string.Join("、", files.OrderBy(f => f.Id).Select(f => f.FileName));
        var text = head + ":" + names;
        return text.Length <= 2000 ? text : text[..1999] + "…";
    }

    /// <summary>The application whose files a closed task was signed off with: the latest one a leader approved.</summary>
    public static ClosureApplication? SignedApplication(IEnumerable<ClosureApplication> applications) =>
        applications.Where(a => a.SignOffApproved == true).MaxBy(a => a.Attempt);
}
