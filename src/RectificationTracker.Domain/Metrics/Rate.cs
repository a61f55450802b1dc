using System.Globalization;

namespace RectificationTracker.Domain.Metrics;

/// <summary>A ratio such as 整改完成率 = closed ÷ total, shown as a percentage with one decimal (36/37 → 97.3%).</summary>
public readonly record struct Rate(int Numerator, int Denominator)
{
    /// <summary>Percent rounded half away from zero to one decimal; null when there is nothing to divide by.</summary>
    public decimal? Percent => Denominator == 0
        ? null
        : Math.Round(100m * Numerator / Denominator, 1, MidpointRounding.AwayFromZero);

    /// <summary>"97.3%", or "—" when the denominator is zero.</summary>
    public string Text => Percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public override string ToString() => $"{Numerator}/{Denominator} ({Text})";
}
