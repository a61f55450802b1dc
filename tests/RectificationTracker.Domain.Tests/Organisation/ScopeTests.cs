using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tests.Builders;

namespace RectificationTracker.Domain.Tests.Organisation;

/// <summary>A user's scope is their unit and everything below it: one prefix comparison of materialised paths.</summary>
public class ScopeTests
{
    [Theory]
    [InlineData("/1/", "/1/", true)]
    [InlineData("/1/", "/1/3/", true)]
    [InlineData("/1/", "/1/3/8/", true)]
    [InlineData("/1/", "/12/", false)]
    [InlineData("/1/", "/12/3/", false)]
    [InlineData("/1/", "/2/1/", false)]
    [InlineData("/1/3/", "/1/", false)]
    [InlineData("/1/3/", "/1/4/", false)]
    [InlineData("/1/3/", "/1/33/", false)]
    [InlineData("/", "/1/", true)]
    [InlineData("/", "/2/5/", true)]
    [InlineData("/1/", null, false)]
    public void Unit_contains_itself_and_its_descendants_only(string scope, string? path, bool contains) =>
        Assert.Equal(contains, OrgUnit.Contains(scope, path));

    [Theory]
    [InlineData("/1/", true)]
    [InlineData("/1/3/", true)]
    [InlineData("/12/", false)]
    [InlineData("/2/5/", false)]
    [InlineData(null, false)]
    public void Office_of_unit_one_has_unit_one_and_below_in_scope(string? path, bool inScope) =>
        Assert.Equal(inScope, Actors.Office.InScope(path));

    [Fact]
    public void User_of_a_department_has_neither_the_parent_nor_a_sibling_in_scope()
    {
        Assert.True(Actors.UnitUser.InScope("/1/3/"));
        Assert.True(Actors.UnitUser.InScope("/1/3/8/"));
        Assert.False(Actors.UnitUser.InScope("/1/"));
        Assert.False(Actors.UnitUser.InScope("/1/4/"));
        Assert.False(Actors.OtherUnitUser.InScope("/1/3/"));
    }

    [Fact]
    public void Path_is_built_from_the_parent()
    {
        var root = new OrgUnit { Id = 1, Name = "县人民检察院" };
        var department = new OrgUnit { Id = 3, Name = "办公室", Kind = UnitKind.Department };

        root.RebuildPath(null);
        department.RebuildPath(root);

        Assert.Equal("/1/", root.Path);
        Assert.Equal("/1/3/", department.Path);
        Assert.True(OrgUnit.Contains(root.Path, department.Path));
    }

    [Fact]
    public void Path_needs_an_id() =>
        Assert.Throws<InvalidOperationException>(() => new OrgUnit().RebuildPath(null));

    [Fact]
    public void Path_too_deep_is_refused_in_chinese()
    {
        var parent = new OrgUnit { Id = 1, Path = "/" + string.Concat(Enumerable.Repeat("123456789/", 39)) };
        var child = new OrgUnit { Id = 987654321 };

        var ex = Assert.Throws<DomainException>(() => child.RebuildPath(parent));

        Assert.Contains("层级过深", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_at_the_length_limit_is_accepted()
    {
        var parent = new OrgUnit { Id = 1, Path = "/" + new string('9', SchemaLimits.UnitPathLength - 4) + "/" };
        var child = new OrgUnit { Id = 7 };

        child.RebuildPath(parent);

        Assert.Equal(SchemaLimits.UnitPathLength, child.Path.Length);
    }

    [Theory]
    [InlineData(nameof(Actors.Supervisor), true)]
    [InlineData(nameof(Actors.Office), false)]
    [InlineData(nameof(Actors.UnitUser), false)]
    [InlineData(nameof(Actors.LeadLeader), false)]
    [InlineData(nameof(Actors.Admin), false)]
    public void Only_supervisors_are_read_only(string actorName, bool readOnly) =>
        Assert.Equal(readOnly, Actors.ByName[actorName].IsReadOnly);

    [Fact]
    public void Actor_with_no_role_is_read_only() =>
        Assert.True(Actors.Make("nobody", "无角色", 1, "/1/").IsReadOnly);

    [Fact]
    public void Supervisor_who_also_holds_office_is_not_read_only() =>
        Assert.False(Actors.Make("sup-office", "督导兼巡察办", 1, "/1/", Role.Supervisor, Role.Office).IsReadOnly);

    [Theory]
    [InlineData(Role.Admin, "系统管理员")]
    [InlineData(Role.Office, "巡察办")]
    [InlineData(Role.Unit, "责任单位")]
    [InlineData(Role.Leader, "领导")]
    [InlineData(Role.Supervisor, "督导")]
    public void Role_has_its_chinese_name_by_value_and_by_code(Role role, string name)
    {
        Assert.Equal(name, Roles.DisplayName(role));
        Assert.Equal(name, Roles.DisplayName(role.ToString()));
    }

    [Fact]
    public void Unknown_role_code_shows_as_it_is() => Assert.Equal("Auditor", Roles.DisplayName("Auditor"));

    [Fact]
    public void There_are_five_roles() => Assert.Equal(5, Roles.All.Count);

    [Theory]
    [InlineData(UnitKind.Organisation, "单位")]
    [InlineData(UnitKind.Department, "部门")]
    public void Unit_kind_has_its_chinese_name(UnitKind kind, string name) =>
        Assert.Equal(name, UnitKindNames.DisplayName(kind));
}
