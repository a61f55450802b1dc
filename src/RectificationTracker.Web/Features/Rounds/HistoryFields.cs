using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Rounds;

namespace RectificationTracker.Web.Features.Rounds;

/// <summary>
/// A round's fields as the history shows them (unit names, never ids), taken before and after an
/// edit and compared field by field; a value may span lines.
/// </summary>
internal sealed record RoundFields(string Name, RoundKind Kind, string InspectingBody, string OfficeUnit,
    DateOnly? InspectionStart, DateOnly? InspectionEnd, DateOnly FeedbackDate, DateOnly RectificationDeadline,
    string InspectedUnits, string? Notes)
{
    public static RoundFields Of(InspectionRound r, IReadOnlyDictionary<int, string> units) => new(
        r.Name, r.Kind, r.InspectingBody, UnitNameLookup.Name(units, r.OfficeUnitId), r.InspectionStart, r.InspectionEnd,
        r.FeedbackDate, r.RectificationDeadline, UnitNameLookup.Names(units, r.InspectedUnits.Select(u => u.UnitId)), r.Notes);

    public string Describe() => string.Join("\n",
        $"名称:{Name}", $"类型:{RoundKindNames.DisplayName(Kind)}", $"巡察组:{InspectingBody}", $"巡察办所在单位:{OfficeUnit}",
        $"反馈日期:{FeedbackDate:yyyy-MM-dd}", $"整改期限:{RectificationDeadline:yyyy-MM-dd}", $"被巡察单位:{InspectedUnits}");

    public ChangeList ChangesTo(RoundFields after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new ChangeList()
            .Compare("名称", Name, after.Name)
            .Compare("类型", RoundKindNames.DisplayName(Kind), RoundKindNames.DisplayName(after.Kind))
            .Compare("巡察组", InspectingBody, after.InspectingBody)
            .Compare("巡察办所在单位", OfficeUnit, after.OfficeUnit)
            .Compare("巡察开始日期", InspectionStart, after.InspectionStart)
            .Compare("巡察结束日期", InspectionEnd, after.InspectionEnd)
            .Compare("反馈日期", FeedbackDate, after.FeedbackDate)
            .Compare("整改期限", RectificationDeadline, after.RectificationDeadline)
            .Compare("被巡察单位", InspectedUnits, after.InspectedUnits)
            .CompareShowingNew("备注", Notes, after.Notes, "已修改");
    }
}

internal static class UnitNameLookup
{
    public static string Name(IReadOnlyDictionary<int, string> units, int? id) =>
        id is { } i ? units.TryGetValue(i, out var name) ? name : $"单位{i}" : "";

    public static string Names(IReadOnlyDictionary<int, string> units, IEnumerable<int> ids) =>
        string.Join("、", ids.Order().Select(i => Name(units, i)));
}
