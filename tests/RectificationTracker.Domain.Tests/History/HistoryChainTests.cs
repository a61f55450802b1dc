using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tests.Builders;

namespace RectificationTracker.Domain.Tests.History;

/// <summary>The append-only history is a hash chain: any changed, deleted or re-linked record is found.</summary>
public class HistoryChainTests
{
    private static readonly DateTime At = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static List<HistoryEntry> SealedChain(int count)
    {
        var entries = new List<HistoryEntry>();
        long previousId = 0;
        var previousHash = HistoryChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = HistoryEntry.For("Task", 42, Actors.Office, At.AddMinutes(i), i % 2 == 0 ? "Edit" : "Upload",
                details: $"期限: 2026-06-30 → 2026-07-{i:00}", reason: $"第{i}次调整", roundId: 7, taskId: 42);
            HistoryChain.Seal(entry, previousId, previousHash);
            entries.Add(entry);
            previousId = entry.Id;
            previousHash = entry.Hash;
        }

        return entries;
    }

    public static TheoryData<string> Fields() => new(Tampering.Keys);

    private static readonly Dictionary<string, Action<HistoryEntry>> Tampering = new(StringComparer.Ordinal)
    {
        ["AtUtc"] = e => e.AtUtc = e.AtUtc.AddTicks(1),
        ["ActorId"] = e => e.ActorId = "someone-else",
        ["ActorName"] = e => e.ActorName = "冒名者",
        ["EntityType"] = e => e.EntityType = "Round",
        ["EntityId"] = e => e.EntityId = 43,
        ["EntityIdCleared"] = e => e.EntityId = null,
        ["TaskId"] = e => e.TaskId = 43,
        ["RoundId"] = e => e.RoundId = 8,
        ["Action"] = e => e.Action = "Download",
        ["FromState"] = e => e.FromState = "Closed",
        ["ToState"] = e => e.ToState = "InProgress",
        ["Reason"] = e => e.Reason = "篡改后的理由",
        ["ReasonCleared"] = e => e.Reason = null,
        ["Details"] = e => e.Details = "期限: 2026-06-30 → 2027-06-30",
    };

    [Fact]
    public void Intact_chain_of_five_verifies()
    {
        var chain = SealedChain(5);

        Assert.Null(HistoryChain.Verify(chain));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], chain.Select(e => e.Id));
    }

    [Fact]
    public void Empty_history_verifies() => Assert.Null(HistoryChain.Verify([]));

    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_field_of_entry_three_breaks_the_chain_at_three(string field)
    {
        var chain = SealedChain(5);

        Tampering[field](chain[2]);

        var chainBreak = HistoryChain.Verify(chain);
        Assert.NotNull(chainBreak);
        Assert.Equal(3, chainBreak.Id);
        Assert.Contains("已被修改", chainBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_entry_two_is_reported_as_missing()
    {
        var chain = SealedChain(5);

        chain.RemoveAt(1);

        var chainBreak = HistoryChain.Verify(chain);
        Assert.NotNull(chainBreak);
        Assert.Equal(2, chainBreak.Id);
        Assert.Contains("缺失", chainBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_entry_two_and_renumbering_is_still_found()
    {
        var chain = SealedChain(5);

        chain.RemoveAt(1);
        for (var i = 0; i < chain.Count; i++)
        {
            chain[i].Id = i + 1;
        }

        var chainBreak = HistoryChain.Verify(chain);
        Assert.NotNull(chainBreak);
        Assert.Equal(2, chainBreak.Id);
    }

    [Fact]
    public void Deleting_the_first_entry_is_reported()
    {
        var chain = SealedChain(5);

        chain.RemoveAt(0);

        Assert.Equal(1, HistoryChain.Verify(chain)?.Id);
    }

    [Fact]
    public void Changing_the_previous_hash_breaks_the_chain()
    {
        var chain = SealedChain(5);

        chain[2].PreviousHash = chain[0].Hash;

        var chainBreak = HistoryChain.Verify(chain);
        Assert.NotNull(chainBreak);
        Assert.Equal(3, chainBreak.Id);
        Assert.Contains("前序哈希", chainBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriting_an_entry_and_its_own_hash_is_found_at_the_next_entry()
    {
        var chain = SealedChain(5);

        chain[2].Reason = "篡改后的理由";
        chain[2].Hash = HistoryChain.ComputeHash(chain[2]);

        Assert.Equal(4, HistoryChain.Verify(chain)?.Id);
    }

    [Fact]
    public void Forged_hash_on_an_entry_is_found()
    {
        var chain = SealedChain(5);

        chain[4].Hash = new string('f', 64);

        Assert.Equal(5, HistoryChain.Verify(chain)?.Id);
    }

    [Fact]
    public void Swapping_two_entries_is_found()
    {
        var chain = SealedChain(5);

        (chain[1], chain[2]) = (chain[2], chain[1]);

        Assert.Equal(2, HistoryChain.Verify(chain)?.Id);
    }

    [Fact]
    public void Seal_numbers_and_links_the_entry()
    {
        var entry = HistoryEntry.For("Round", 7, Actors.Office, At, "Create");

        HistoryChain.Seal(entry, 0, HistoryChain.GenesisHash);

        Assert.Equal(1, entry.Id);
        Assert.Equal(HistoryChain.GenesisHash, entry.PreviousHash);
        Assert.Equal(64, entry.Hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(HistoryChain.ComputeHash(entry), entry.Hash);
    }

    [Fact]
    public void Seal_continues_after_the_given_record()
    {
        var entry = HistoryEntry.For("Round", 7, Actors.Office, At, "Edit");

        HistoryChain.Seal(entry, 41, "abc");

        Assert.Equal(42, entry.Id);
        Assert.Equal("abc", entry.PreviousHash);
    }

    [Fact]
    public void Hash_is_deterministic_and_depends_on_the_previous_hash()
    {
        var a = HistoryEntry.For("Round", 7, Actors.Office, At, "Create");
        var b = HistoryEntry.For("Round", 7, Actors.Office, At, "Create");
        HistoryChain.Seal(a, 0, HistoryChain.GenesisHash);
        HistoryChain.Seal(b, 0, HistoryChain.GenesisHash);

        Assert.Equal(a.Hash, b.Hash);

        HistoryChain.Seal(b, 0, new string('1', 64));
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Genesis_hash_is_sixty_four_zeros() =>
        Assert.Equal(new string('0', 64), HistoryChain.GenesisHash);

    [Fact]
    public void Task_entry_carries_the_task_the_actor_and_the_move()
    {
        var builder = new TaskBuilder();
        var task = builder.InProgress();

        var entry = HistoryEntry.ForTask(task, Actors.Office, At, "Edit", null, null, null, "期限: 2026-06-30 → 2026-07-31");

        Assert.Equal("Task", entry.EntityType);
        Assert.Equal(TaskBuilder.TaskId, entry.EntityId);
        Assert.Equal(TaskBuilder.TaskId, entry.TaskId);
        Assert.Equal(TaskBuilder.RoundId, entry.RoundId);
        Assert.Equal(Actors.Office.UserId, entry.ActorId);
        Assert.Equal(Actors.Office.Name, entry.ActorName);
        Assert.Equal(At, entry.AtUtc);
        Assert.Null(entry.FromState);
        Assert.Null(entry.ToState);
        Assert.Equal("期限: 2026-06-30 → 2026-07-31", entry.Details);
    }

    [Fact]
    public void Generic_entry_carries_what_it_is_about()
    {
        var entry = HistoryEntry.For("Evidence", 9, Actors.UnitUser, At, "Download", "整改佐证1.pdf", null, 7, 42);

        Assert.Equal("Evidence", entry.EntityType);
        Assert.Equal(9, entry.EntityId);
        Assert.Equal(42, entry.TaskId);
        Assert.Equal(7, entry.RoundId);
        Assert.Equal("Download", entry.Action);
        Assert.Equal("整改佐证1.pdf", entry.Details);
        Assert.Equal(Actors.UnitUser.UserId, entry.ActorId);
    }
}
