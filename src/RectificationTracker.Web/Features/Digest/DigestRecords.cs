namespace RectificationTracker.Web.Features.Digest;

/// <summary>
/// One day's digest run. The local date is the key: the instance that inserts the row sends that day's digests,
/// another instance (or a restart) that finds it taken sends nothing. The latest row is the persisted last-run date.
/// </summary>
public class DigestRun
{
    public DateOnly LocalDate { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>Which process ran it (machine and process id), for the operator.</summary>
    public string Instance { get; set; } = "";

    public int Notices { get; set; }

    public int Emails { get; set; }

    public int EmailFailures { get; set; }
}

/// <summary>One user's stored daily digest (in-app, always); the outgoing channel's result beside it.</summary>
public class DigestNotice
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public DateOnly LocalDate { get; set; }

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The number of items summarised.</summary>
    public int Items { get; set; }

    /// <summary>
    /// The digest's counts per kind and its listed tasks as JSON (<see cref="DigestContent"/>), for the in-app list
    /// to show the figures and link the tasks; null on digests stored before it was kept.
    /// </summary>
    public string? Content { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? EmailedAtUtc { get; set; }

    /// <summary>Why sending failed (for the operator), or null.</summary>
    public string? EmailError { get; set; }
}

/// <summary>What a stored digest summarised, kept beside its text so the app can link the tasks (<see cref="DigestNotice.Content"/>).</summary>
public sealed record DigestContent(IReadOnlyList<DigestCount> Counts, IReadOnlyList<DigestTask> Tasks)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static DigestContent Of(IReadOnlyDictionary<Domain.Tasks.NoticeKind, int> counts, IEnumerable<Domain.Tasks.TaskNotice> listed) =>
        new(Domain.Tasks.DailyDigest.Kinds.Where(k => counts.GetValueOrDefault(k) > 0).Select(k => new DigestCount(k, counts[k])).ToList(),
            listed.Select(n => new DigestTask(n.TaskId, n.Code, n.Measure, n.Kind, n.Headline)).ToList());

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    /// <summary>The stored content, or null when there is none (older digests) or it cannot be read.</summary>
    public static DigestContent? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<DigestContent>(json, Json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>How many items of one kind a digest counted.</summary>
public sealed record DigestCount(Domain.Tasks.NoticeKind Kind, int Count)
{
    /// <summary>"逾期 2 项", as the digest words it.</summary>
    public string Text => $"{Domain.Tasks.TaskNotices.KindName(Kind)} {Count} 项";
}

/// <summary>One task a digest listed, with what it needed that day.</summary>
public sealed record DigestTask(int TaskId, string Code, string Measure, Domain.Tasks.NoticeKind Kind, string Headline);
