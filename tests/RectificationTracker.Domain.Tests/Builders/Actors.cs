using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Domain.Tests.Builders;

/// <summary>
/// The people of the test world. Unit tree: /1/ is the organisation whose inspection office runs the
/// round; /1/3/ is the responsible department, /1/3/8/ a section inside it, /1/4/ a cooperating
/// department; /2/ and /2/5/ are an unrelated organisation and its department.
/// </summary>
public static class Actors
{
    public const string OfficeUnitPath = "/1/";
    public const string ResponsibleUnitPath = "/1/3/";
    public const string CooperatingUnitPath = "/1/4/";

    /// <summary>巡察办 staff of the organisation that runs the round.</summary>
    public static Actor Office { get; } = Make("office-1", "巡察办张敏", 1, "/1/", Role.Office);

    /// <summary>巡察办 staff of an unrelated organisation.</summary>
    public static Actor OtherOffice { get; } = Make("office-2", "外单位巡察办刘洋", 2, "/2/", Role.Office);

    /// <summary>An office user placed below the round's office: the round is not in their scope.</summary>
    public static Actor SubUnitOffice { get; } = Make("office-3", "部门联络员赵静", 3, "/1/3/", Role.Office);

    /// <summary>A user of the responsible department.</summary>
    public static Actor UnitUser { get; } = Make("unit-1", "责任部门李强", 3, "/1/3/", Role.Unit);

    /// <summary>A unit user of a section inside the responsible department: the department is above their scope.</summary>
    public static Actor SectionUser { get; } = Make("unit-3", "责任股室孙丽", 8, "/1/3/8/", Role.Unit);

    /// <summary>A unit user of the whole organisation (e.g. its 整改联络员): its departments are in their scope.</summary>
    public static Actor OrganisationUnitUser { get; } = Make("unit-5", "单位联络员钱进", 1, "/1/", Role.Unit);

    /// <summary>The named responsible person (责任人), who sits in the cooperating department.</summary>
    public static Actor ResponsiblePerson { get; } = Make("person-1", "责任人周伟", 4, "/1/4/", Role.Unit);

    /// <summary>A unit user of the cooperating department who is not the responsible person.</summary>
    public static Actor CooperatingUnitUser { get; } = Make("unit-4", "协办部门吴芳", 4, "/1/4/", Role.Unit);

    /// <summary>A responsible-unit user of an unrelated organisation.</summary>
    public static Actor OtherUnitUser { get; } = Make("unit-2", "外单位郑涛", 5, "/2/5/", Role.Unit);

    /// <summary>The task's own lead leader (牵头领导).</summary>
    public static Actor LeadLeader { get; } = Make("leader-1", "王书记", 1, "/1/", Role.Leader);

    /// <summary>Another member of the leadership team, not the lead leader of the task.</summary>
    public static Actor OtherLeader { get; } = Make("leader-2", "陈副检察长", 1, "/1/", Role.Leader);

    /// <summary>The lead leader's account after the leader role was withdrawn.</summary>
    public static Actor LeadLeaderWithoutRole { get; } = Make("leader-1", "王书记", 1, "/1/");

    /// <summary>督导组: reads everything, changes nothing.</summary>
    public static Actor Supervisor { get; } = Make("sup-1", "督导组黄明", 0, "/", Role.Supervisor);

    /// <summary>系统管理员: manages units and users, not rectification.</summary>
    public static Actor Admin { get; } = Make("admin-1", "管理员", 1, "/1/", Role.Admin);

    /// <summary>Everyone above by a short name, for theory data.</summary>
    public static IReadOnlyDictionary<string, Actor> ByName { get; } = new Dictionary<string, Actor>(StringComparer.Ordinal)
    {
        [nameof(Office)] = Office,
        [nameof(OtherOffice)] = OtherOffice,
        [nameof(SubUnitOffice)] = SubUnitOffice,
        [nameof(UnitUser)] = UnitUser,
        [nameof(SectionUser)] = SectionUser,
        [nameof(OrganisationUnitUser)] = OrganisationUnitUser,
        [nameof(ResponsiblePerson)] = ResponsiblePerson,
        [nameof(CooperatingUnitUser)] = CooperatingUnitUser,
        [nameof(OtherUnitUser)] = OtherUnitUser,
        [nameof(LeadLeader)] = LeadLeader,
        [nameof(OtherLeader)] = OtherLeader,
        [nameof(LeadLeaderWithoutRole)] = LeadLeaderWithoutRole,
        [nameof(Supervisor)] = Supervisor,
        [nameof(Admin)] = Admin,
    };

    public static Actor Make(string userId, string name, int unitId, string unitPath, params Role[] roles) =>
        new(userId, name, new HashSet<Role>(roles), unitId, unitPath);
}
