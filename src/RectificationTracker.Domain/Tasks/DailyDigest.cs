using System.Globalization;
using System.Text;

namespace RectificationTracker.Domain.Tasks;

/// <summary>One user's daily digest as sent: a subject line and a plain-text body, in Chinese.</summary>
public sealed record DigestMessage(string Subject, string Body);

/// <summary>
/// 每日待办摘要: once a day each user gets one notice summarising what needs them. The content is the bell's
/// (<see cref="TaskNotices"/>): the same kinds, counted with the same definitions; this only words it.
/// </summary>
public static class DailyDigest
{
    /// <summary>How many of the most urgent items the body lists one by one.</summary>
    public const int ListedItems = 20;

    /// <summary>The kinds a digest reports, in the order it reports them.</summary>
    public static readonly IReadOnlyList<NoticeKind> Kinds =
        [NoticeKind.Overdue, NoticeKind.Urged, NoticeKind.Returned, NoticeKind.DueSoon, NoticeKind.AwaitingReview, NoticeKind.AwaitingSignOff];

    /// <summary>
    /// The digest for <paramref name="recipientName"/> on <paramref name="date"/>, or null when nothing needs them.
    /// <paramref name="counts"/> are the full counts per kind; <paramref name="items"/> the most urgent notices.
    /// </summary>
    public static DigestMessage? Compose(string recipientName, DateOnly date, IReadOnlyDictionary<NoticeKind, int> counts,
        IReadOnlyList<TaskNotice> items)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(items);
        var parts = Kinds.Where(k => counts.GetValueOrDefault(k) > 0)
            .Select(k => $"{TaskNotices.KindName(k)} {counts[k]} 项")
            .ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var day = date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var subject = $"【巡察整改】{day}待办摘要:{string.Join("、", parts)}";
        var body = new StringBuilder();
        body.Append(recipientName).Append(",您好:\n\n");
        body.Append("截至 ").Append(day).Append(",需要您处理的整改事项如下:\n");
        foreach (var part in parts)
        {
            body.Append("  · ").Append(part).Append('\n');
        }

        var listed = TaskNotices.Ordered(items).Take(ListedItems).ToList();
        if (listed.Count > 0)
        {
            body.Append("\n最紧急的事项:\n");
            var i = 0;
            foreach (var n in listed)
            {
                body.Append(++i).Append(". 任务 ").Append(n.Code).Append(' ').Append(Shorten(n.Measure, 40))
                    .Append(" —— ").Append(n.Headline).Append('\n');
            }

            var total = counts.Values.Sum();
            if (total > listed.Count)
            {
                body.Append("(另有 ").Append(total - listed.Count).Append(" 项,请登录系统查看)\n");
            }
        }

        body.Append("\n请登录巡察整改销号管理系统处理。本摘要每日发送一次。\n");
        return new DigestMessage(subject, body.ToString());
    }

    /// <summary>
    /// Which day's digest is due at the local time <paramref name="localNow"/>, given the send time
    /// <paramref name="at"/> and the date of the last digest run (null: never ran). Today's once its time has come;
    /// before that, yesterday's if it was missed (the app was down) — only the latest missed day is caught up, once;
    /// null when nothing is due. A first start never catches up a day before it.
    /// </summary>
    public static DateOnly? DueDate(DateTime localNow, TimeOnly at, DateOnly? lastRun)
    {
        var today = DateOnly.FromDateTime(localNow);
        var slot = TimeOnly.FromDateTime(localNow) >= at ? today : today.AddDays(-1);
        if (lastRun is null)
        {
            return slot == today ? today : null;
        }

        return lastRun < slot ? slot : null;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
