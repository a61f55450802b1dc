namespace RectificationTracker.Domain.Reports;

/// <summary>
/// An issued 进展通报 with its issue number (第N期), counted per issuing office unit and calendar year.
/// </summary>
/// <remarks>
/// When a number is assigned: the first time office staff of the issuing unit download a bulletin
/// (PDF or Word, page or command line) whose content key (office, round, unit, as-of date, previous
/// date) has no number yet. Printing the same bulletin again, in either format, finds its row and
/// prints the same number, so reprints never skip numbers; previews on the page assign none. The year is
/// that of the as-of date (the bulletin's date). Prints by anyone else (supervisors, units reading their
/// own figures) are not issues of the office and carry no number.
/// </remarks>
public class BulletinIssue
{
    public int Id { get; set; }

    public int OfficeUnitId { get; set; }

    public int Year { get; set; }

    public int Number { get; set; }

    /// <summary>What was issued: "round=3;unit=;asOf=2026-11-30;since=2026-10-31". Unique per office.</summary>
    public string ContentKey { get; set; } = "";

    public DateTime IssuedAtUtc { get; set; }

    public string IssuedById { get; set; } = "";

    public string IssuedByName { get; set; } = "";

    /// <summary>The number after the highest already issued by the office in the year (1 for the first).</summary>
    public static int NextNumber(IEnumerable<int> issuedThisYear)
    {
        ArgumentNullException.ThrowIfNull(issuedThisYear);
        return issuedThisYear.DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>"2026年第3期".</summary>
    public string Label => $"{Year}年第{Number}期";

    public static string ContentKeyOf(int? roundId, int? unitId, DateOnly asOf, DateOnly since) =>
        FormattableString.Invariant($"round={roundId};unit={unitId};asOf={asOf:yyyy-MM-dd};since={since:yyyy-MM-dd}");
}
