using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Domain.Tasks;

/// <summary>销号申请: what was done, the outcome figures, the evidence, and the two decisions on it.</summary>
public class ClosureApplication
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>1 for the first application, 2 after a return, …</summary>
    public int Attempt { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>资金清退, in 万元.</summary>
    public decimal FundsRecoveredWan { get; set; }

    /// <summary>追责问责: number of people held accountable.</summary>
    public int PeopleHeldAccountable { get; set; }

    /// <summary>追责问责 kinds, e.g. 诫勉谈话、党内警告.</summary>
    public string? AccountabilityKinds { get; set; }

    public List<RuleMade> RulesMade { get; set; } = [];

    /// <summary>
    /// The files this application holds, fixed when it is submitted (<see cref="ApplicationEvidence"/>): new uploads and
    /// files carried forward from the task's earlier applications. A file may be held by several applications of its task.
    /// </summary>
    public List<EvidenceFile> Evidence { get; set; } = [];

    public DateTime SubmittedAtUtc { get; set; }

    public string SubmittedById { get; set; } = "";

    public string SubmittedByName { get; set; } = "";

    public bool? ReviewApproved { get; private set; }

    public string? ReviewerId { get; private set; }

    public string? ReviewerName { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReviewComment { get; private set; }

    public bool? SignOffApproved { get; private set; }

    public string? SignerId { get; private set; }

    public string? SignerName { get; private set; }

    public DateTime? SignedAtUtc { get; private set; }

    public string? SignOffComment { get; private set; }

    /// <summary>When the owner withdrew the application before review (撤回); null when not withdrawn.</summary>
    public DateTime? WithdrawnAtUtc { get; private set; }

    public string? WithdrawnByName { get; private set; }

    public bool Withdrawn => WithdrawnAtUtc is not null;

    /// <summary>A decided application that sent the task back: returned by the office or the leader (not withdrawn).</summary>
    public bool Returned => ReviewApproved == false || SignOffApproved == false;

    internal void RecordReview(Actor actor, bool approved, string? comment, DateTime nowUtc)
    {
        ReviewApproved = approved;
        ReviewerId = actor.UserId;
        ReviewerName = actor.Name;
        ReviewedAtUtc = nowUtc;
        ReviewComment = comment;
    }

    internal void RecordWithdrawal(Actor actor, DateTime nowUtc)
    {
        WithdrawnAtUtc = nowUtc;
        WithdrawnByName = actor.Name;
    }

    internal void RecordSignOff(Actor actor, bool approved, string? comment, DateTime nowUtc)
    {
        SignOffApproved = approved;
        SignerId = actor.UserId;
        SignerName = actor.Name;
        SignedAtUtc = nowUtc;
        SignOffComment = comment;
    }
}

/// <summary>建章立制: a rule made or revised as part of the rectification.</summary>
public class RuleMade
{
    public int Id { get; set; }

    public int ApplicationId { get; set; }

    public string Title { get; set; } = "";

    public bool IsRevision { get; set; }

    public DateOnly? IssuedOn { get; set; }
}

/// <summary>整改进展: a dated report by the owner.</summary>
public class ProgressUpdate
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public DateOnly Date { get; set; }

    public string Text { get; set; } = "";

    public string AuthorId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public List<EvidenceFile> Attachments { get; set; } = [];
}

/// <summary>佐证材料: a stored file (by its SHA-256) attached to a task, a progress update or an application.</summary>
public class EvidenceFile
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public int? ProgressUpdateId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string Kind { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTime UploadedAtUtc { get; set; }

    public string UploadedById { get; set; } = "";

    public string UploadedByName { get; set; } = "";
}
