using RectificationTracker.Domain.Common;

namespace RectificationTracker.Domain.Organisation;

/// <summary>
/// An organisation unit (单位 or 部门) in a tree. <see cref="Path"/> is the materialised path of ids
/// ("/1/4/") so that "this unit and everything below it" is one prefix comparison in SQL.
/// </summary>
public class OrgUnit
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>简称, e.g. "西河县院综合办": how the unit reads on boards, ledgers and reports when set (see <see cref="UnitLabels"/>).</summary>
    public string? ShortName { get; set; }

    /// <summary>
    /// For a unit whose inspection office runs rounds: the issuing body named in the masthead of its
    /// progress bulletins, e.g. "中共江城市人民检察院党组巡察整改工作领导小组办公室". Null: derived from the name.
    /// </summary>
    public string? BulletinIssuer { get; set; }

    public int? ParentId { get; set; }

    public OrgUnit? Parent { get; set; }

    public UnitKind Kind { get; set; }

    public int SortOrder { get; set; }

    public string Path { get; set; } = "/";

    public bool IsActive { get; set; } = true;

    /// <summary>Set the path from the parent's; call after the id is known.</summary>
    public void RebuildPath(OrgUnit? parent)
    {
        if (Id == 0)
        {
            throw new InvalidOperationException("The unit needs an id before its path can be built.");
        }

        Path = (parent?.Path ?? "/") + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        if (Path.Length > SchemaLimits.UnitPathLength)
        {
            throw new DomainException("单位层级过深。");
        }
    }

    /// <summary>True when <paramref name="path"/> is this unit or below it.</summary>
    public static bool Contains(string scopePath, string? path) =>
        path is not null && path.StartsWith(scopePath, StringComparison.Ordinal);
}

public enum UnitKind
{
    /// <summary>单位: a body with its own leadership, e.g. 县人民检察院.</summary>
    Organisation,

    /// <summary>部门: a department inside a unit.</summary>
    Department,
}

public static class UnitKindNames
{
    public static string DisplayName(UnitKind kind) => kind switch
    {
        UnitKind.Organisation => "单位",
        UnitKind.Department => "部门",
        _ => kind.ToString(),
    };
}
