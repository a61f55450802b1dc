using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Rounds;

namespace RectificationTracker.Web.Features.Tasks.Edit;

/// <summary>A task's editable fields as the history shows them, compared typed (a measure may span lines).</summary>
internal sealed record TaskFields(string Measure, TaskCategory Category, string? LeadLeader, string ResponsibleUnit,
    string CooperatingUnits, string? ResponsiblePerson, DateOnly? Deadline)
{
    public static TaskFields Of(RectificationTask t, IReadOnlyDictionary<int, string> units) => new(
        t.Measure, t.Category, t.LeadLeaderName, UnitNameLookup.Name(units, t.ResponsibleUnitId),
        UnitNameLookup.Names(units, t.CooperatingUnits.Select(c => c.UnitId)), t.ResponsiblePersonName, t.Deadline);

    public ChangeList ChangesTo(TaskFields after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new ChangeList()
            .Compare("整改措施", Measure, after.Measure)
            .Compare("整改类型", TaskNames.DisplayName(Category), TaskNames.DisplayName(after.Category))
            .Compare("牵头领导", LeadLeader, after.LeadLeader)
            .Compare("责任单位", ResponsibleUnit, after.ResponsibleUnit)
            .Compare("配合单位", CooperatingUnits, after.CooperatingUnits)
            .Compare("责任人", ResponsiblePerson, after.ResponsiblePerson)
            .Compare("整改时限", Deadline, after.Deadline);
    }
}
