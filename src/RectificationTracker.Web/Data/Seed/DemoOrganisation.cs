using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Web.Data.Seed;

/// <summary>
/// The demo organisation: a city procuratorate with its departments and nine county procuratorates
/// with theirs (names are fictional), and one demo account per role.
/// </summary>
public static class DemoOrganisation
{
    public const string RootName = "江城市人民检察院";
    public const string DemoPassword = "tracker2026";

    public static readonly string[] CityDepartments =
        ["办公室", "政治部", "第一检察部", "第二检察部", "第三检察部", "第四检察部", "第五检察部", "案件管理部", "检务督察部", "计划财务装备部"];

    public static readonly string[] Counties =
        ["东岭县人民检察院", "西河县人民检察院", "南湖县人民检察院", "北山县人民检察院", "青石县人民检察院",
         "白水县人民检察院", "长宁县人民检察院", "永安县人民检察院", "清平县人民检察院"];

    public static readonly string[] CountyDepartments = ["综合办公室", "刑事检察部", "民事行政检察部", "公益诉讼检察部"];

    /// <summary>Demo accounts: user name, display name, job title, unit name (a city department, the root or a county), roles.</summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("office", "张敏", "巡察办主任", RootName, [Role.Office]),
        new("office2", "周婷", "巡察办干部", RootName, [Role.Office]),
        new("leader", "李建国", "党组书记、检察长", RootName, [Role.Leader]),
        new("leader2", "王志强", "党组成员、副检察长", RootName, [Role.Leader]),
        new("leader3", "赵文华", "党组成员、政治部主任", RootName, [Role.Leader]),
        new("unit", "陈晓", "第一检察部主任", "第一检察部", [Role.Unit]),
        new("unit2", "孙丽", "办公室主任", "办公室", [Role.Unit]),
        new("unit3", "吴刚", "计划财务装备部主任", "计划财务装备部", [Role.Unit]),
        new("unit4", "郑洁", "政治部干部", "政治部", [Role.Unit]),
        new("supervisor", "刘卫东", "派驻纪检监察组组长", RootName, [Role.Supervisor]),
        new("county", "黄磊", "东岭县院综合办公室主任", "东岭县人民检察院", [Role.Unit]),
        new("countyoffice", "何静", "东岭县院巡察整改专班", "东岭县人民检察院", [Role.Office]),
        new("countyleader", "马骏", "东岭县院党组书记、检察长", "东岭县人民检察院", [Role.Leader]),
        new("westcounty", "林峰", "西河县院综合办公室主任", "西河县人民检察院", [Role.Unit]),
    ];
}

public sealed record DemoAccount(string UserName, string DisplayName, string JobTitle, string UnitName, Role[] Roles);
