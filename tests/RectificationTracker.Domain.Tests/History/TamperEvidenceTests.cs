using RectificationTracker.Domain.History;

namespace RectificationTracker.Domain.Tests.History;

public sealed class ChainAnchorTests
{
    private static readonly string Hash = new string('a', 60) + "1234";

    [Fact]
    public void An_anchor_line_round_trips()
    {
        var anchor = new ChainAnchor(490, Hash, new DateTime(2026, 12, 1, 19, 0, 0, DateTimeKind.Utc));

        Assert.True(ChainAnchor.TryParseLine(anchor.ToLine(), out var read));
        Assert.Equal(anchor, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-12-01T19:00:00Z 490")]
    [InlineData("2026-12-01T19:00:00Z 四百 aaaa")]
    [InlineData("yesterday 490 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_damaged_line_is_not_an_anchor(string line) => Assert.False(ChainAnchor.TryParseLine(line, out _));

    [Fact]
    public void The_printed_fingerprint_is_the_count_and_sixteen_hex_characters_and_reads_back()
    {
        var anchor = new ChainAnchor(490, Hash, DateTime.UtcNow);

        Assert.Equal("490-aaaaaaaaaaaaaaaa", anchor.Fingerprint);
        Assert.True(ChainAnchor.TryParseFingerprint(" 490-AAAAAAAAAAAAAAAA ", out var typed));
        Assert.Equal(490, typed.Count);
        Assert.True(typed.Matches(Hash));
    }

    [Theory]
    [InlineData("490")]
    [InlineData("490-aaaa")]
    [InlineData("0-aaaaaaaaaaaaaaaa")]
    [InlineData("490-zzzzzzzzzzzzzzzz")]
    public void A_fingerprint_too_short_or_not_hex_is_refused(string text) => Assert.False(ChainAnchor.TryParseFingerprint(text, out _));

    [Fact]
    public void A_shorter_chain_is_reported_as_truncated_naming_both_counts()
    {
        var anchor = new ChainAnchor(490, Hash, DateTime.UtcNow);

        Assert.Equal("历史记录被截断:外部锚点记载共 490 条,数据库中只有 488 条。", anchor.Disagreement(488, null, "外部锚点"));
    }

    [Fact]
    public void A_different_hash_at_the_anchored_record_is_reported_as_a_rewritten_chain()
    {
        var anchor = new ChainAnchor(490, Hash, DateTime.UtcNow);

        Assert.Null(anchor.Disagreement(500, Hash, "外部锚点"));
        Assert.Equal("第 490 条记录与外部锚点不符:该处及之前的历史已被改写并重新计算哈希。", anchor.Disagreement(500, new string('b', 64), "外部锚点"));
    }
}

public sealed class StateReplayTests
{
    private const string Closed = "Closed";
    private static readonly DateTime SignedAt = new(2026, 6, 30, 20, 0, 0, DateTimeKind.Utc); // 07-01 in Beijing

    private static List<string> Check(StoredTask task, TaskHistory history) =>
        StateReplay.Disagreements([task], new Dictionary<int, TaskHistory> { [task.Id] = history }, Closed,
            at => DateOnly.FromDateTime(at.AddHours(8)), s => s).ToList();

    private static TaskHistory ClosedLife()
    {
        var h = new TaskHistory();
        h.Apply("Register", "Registered", SignedAt.AddDays(-30), Closed);
        h.Apply("Assign", "InProgress", SignedAt.AddDays(-29), Closed);
        h.Apply(HistoryActions.Upload, null, SignedAt.AddDays(-3), Closed);
        h.Apply("Apply", "AwaitingReview", SignedAt.AddDays(-2), Closed);
        h.Apply("ApproveReview", "AwaitingSignOff", SignedAt.AddDays(-1), Closed);
        h.Apply("SignOff", Closed, SignedAt, Closed);
        return h;
    }

    [Fact]
    public void A_task_that_agrees_with_its_history_has_no_finding() =>
        Assert.Empty(Check(new StoredTask(7, Closed, new DateOnly(2026, 7, 1), 1, SignedAt.AddDays(-3)), ClosedLife()));

    [Fact]
    public void A_state_set_directly_in_the_database_is_named()
    {
        var h = new TaskHistory();
        h.Apply("Register", "Registered", SignedAt, Closed);
        h.Apply("Assign", "InProgress", SignedAt, Closed);

        var findings = Check(new StoredTask(7, Closed, null, 0, null), h);

        Assert.Contains("任务 #7 的状态为“Closed”,历史记录为“InProgress”。", findings);
    }

    [Fact]
    public void A_changed_closing_date_is_named() =>
        Assert.Equal(["任务 #7 的销号日期为“2026-06-15”,历史记录为“2026-07-01”。"],
            Check(new StoredTask(7, Closed, new DateOnly(2026, 6, 15), 1, SignedAt.AddDays(-3)), ClosedLife()));

    [Fact]
    public void Evidence_added_or_removed_without_a_record_is_named()
    {
        Assert.Equal(["任务 #7 有 0 份材料,历史记录为上传 1 份、删除 0 份。"],
            Check(new StoredTask(7, Closed, new DateOnly(2026, 7, 1), 0, null), ClosedLife()));
        Assert.Contains("任务 #7 销号后又出现了材料(销号后材料应冻结)。",
            Check(new StoredTask(7, Closed, new DateOnly(2026, 7, 1), 1, SignedAt.AddHours(1)), ClosedLife()));
    }

    [Fact]
    public void A_reopened_task_has_no_closing_date()
    {
        var h = ClosedLife();
        h.Apply("Reopen", "InProgress", SignedAt.AddDays(5), Closed);

        Assert.Empty(Check(new StoredTask(7, "InProgress", null, 1, SignedAt.AddDays(-3)), h));
    }

    [Fact]
    public void A_task_without_any_history_is_named() =>
        Assert.Equal(["任务 #9 没有任何状态变更的历史记录。"],
            StateReplay.Disagreements([new StoredTask(9, "InProgress", null, 0, null)], new Dictionary<int, TaskHistory>(), Closed,
                DateOnly.FromDateTime, s => s).ToList());
}
