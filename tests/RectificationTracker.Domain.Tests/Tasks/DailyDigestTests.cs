using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Domain.Tests.Tasks;

/// <summary>每日待办摘要: its wording from the bell's counts, and which day's digest is due (catch-up once).</summary>
public class DailyDigestTests
{
    private static readonly DateOnly Day = new(2026, 12, 2);
    private static readonly TimeOnly At = new(8, 30);

    [Fact]
    public void Nothing_needs_the_user_so_there_is_no_digest() =>
        Assert.Null(DailyDigest.Compose("张敏", Day, new Dictionary<NoticeKind, int> { [NoticeKind.Overdue] = 0 }, []));

    [Fact]
    public void The_digest_counts_every_kind_and_lists_the_most_urgent_first()
    {
        var counts = new Dictionary<NoticeKind, int>
        {
            [NoticeKind.DueSoon] = 1,
            [NoticeKind.Overdue] = 2,
            [NoticeKind.Returned] = 1,
            [NoticeKind.AwaitingSignOff] = 3,
        };
        TaskNotice[] items =
        [
            new(NoticeKind.DueSoon, 5, 3, 1, "修订财务报销管理办法", Day.AddDays(3), 3),
            new(NoticeKind.Overdue, 6, 1, 2, "清退违规发放的津补贴", Day.AddDays(-4), 4),
            new(NoticeKind.Overdue, 7, 2, 1, "开展警示教育", Day.AddDays(-12), 12),
        ];

        var digest = DailyDigest.Compose("陈晓", Day, counts, items)!;

        Assert.Equal("【巡察整改】2026年12月2日待办摘要:逾期 2 项、被退回 1 项、7 天内到期 1 项、待我审签 3 项", digest.Subject);
        Assert.StartsWith("陈晓,您好:", digest.Body, StringComparison.Ordinal);
        var first = digest.Body.IndexOf("1. 任务 2-1 开展警示教育 —— 已逾期 12 天", StringComparison.Ordinal);
        var second = digest.Body.IndexOf("2. 任务 1-2 清退违规发放的津补贴 —— 已逾期 4 天", StringComparison.Ordinal);
        var third = digest.Body.IndexOf("3. 任务 3-1 修订财务报销管理办法 —— 3 天后到期", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first && third > second, digest.Body);
        Assert.Contains("另有 4 项", digest.Body, StringComparison.Ordinal);
    }

    [Theory]
    // Today's digest once its time has come; not again the same day.
    [InlineData("2026-12-02 08:30", "2026-12-01", "2026-12-02")]
    [InlineData("2026-12-02 23:59", "2026-12-01", "2026-12-02")]
    [InlineData("2026-12-02 09:00", "2026-12-02", null)]
    // Before today's time: nothing, unless yesterday's was missed; then yesterday's, once.
    [InlineData("2026-12-02 08:29", "2026-12-01", null)]
    [InlineData("2026-12-02 07:00", "2026-11-30", "2026-12-01")]
    // Down for a week: only the latest missed day is caught up, not every day.
    [InlineData("2026-12-02 10:00", "2026-11-24", "2026-12-02")]
    [InlineData("2026-12-02 07:00", "2026-11-24", "2026-12-01")]
    // A first start catches up nothing before it.
    [InlineData("2026-12-02 07:00", null, null)]
    [InlineData("2026-12-02 08:45", null, "2026-12-02")]
    public void The_due_day(string localNow, string? lastRun, string? expected)
    {
        var now = DateTime.ParseExact(localNow, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        DateOnly? last = lastRun is null ? null : DateOnly.Parse(lastRun, System.Globalization.CultureInfo.InvariantCulture);
        DateOnly? want = expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(want, DailyDigest.DueDate(now, At, last));
    }

    [Fact]
    public void An_urged_notice_reads_with_its_count_and_message() =>
        Assert.Equal("被催办 2 次:请于周五前报送进展",
            new TaskNotice(NoticeKind.Urged, 1, 1, 1, "措施", null, 2, "请于周五前报送进展").Headline);
}
