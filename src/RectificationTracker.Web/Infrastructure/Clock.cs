using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>Now in UTC and today in the office's time zone (deadlines are local calendar dates).</summary>
public sealed class Clock(TimeProvider time, IOptions<TrackerOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The UTC instant at which the local date <paramref name="date"/> begins.</summary>
    public DateTime StartOfLocalDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), _zone);
}
