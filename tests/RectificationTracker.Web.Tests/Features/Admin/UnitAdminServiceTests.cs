using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Admin;
using RectificationTracker.Web.Features.Admin.Units;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Admin;

[Collection(SharedApp.Name)]
public sealed class UnitAdminServiceTests(TrackerFactory app)
{
    [Fact]
    public async Task Moving_a_unit_rebuilds_the_paths_of_all_its_descendants()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var root = await RootAsync();
        var a = await CreateAsync(admin, "搬迁测试处", root.Id, UnitKind.Organisation);
        var b = await CreateAsync(admin, "搬迁测试科", a, UnitKind.Department);
        var c = await CreateAsync(admin, "搬迁测试组", b, UnitKind.Department);
        var county = await Accounts.UnitIdAsync(app, "南湖县人民检察院");

        var moved = await UpdateAsync(admin, new UnitForm { Id = a, Name = "搬迁测试处", Kind = UnitKind.Organisation, ParentId = county });

        Assert.True(moved.Succeeded, moved.Message);
        var units = await UnitsAsync();
        var countyPath = units[county].Path;
        Assert.Equal($"{countyPath}{a}/", units[a].Path);
        Assert.Equal($"{countyPath}{a}/{b}/", units[b].Path);
        Assert.Equal($"{countyPath}{a}/{b}/{c}/", units[c].Path);
        // The cached directory was refreshed: scopes use the new path at once.
        var cached = await app.Services.GetRequiredService<UnitDirectory>().FindAsync(c);
        Assert.Equal(units[c].Path, cached!.Path);
    }

    [Fact]
    public async Task A_unit_cannot_be_moved_under_its_own_descendant()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var root = await RootAsync();
        var top = await CreateAsync(admin, "循环测试处", root.Id, UnitKind.Organisation);
        var child = await CreateAsync(admin, "循环测试科", top, UnitKind.Department);

        var underChild = await UpdateAsync(admin, new UnitForm { Id = top, Name = "循环测试处", Kind = UnitKind.Organisation, ParentId = child });
        var underItself = await UpdateAsync(admin, new UnitForm { Id = top, Name = "循环测试处", Kind = UnitKind.Organisation, ParentId = top });

        Assert.Equal("不能把单位移动到它自己或它的下级单位之下。", Assert.Single(underChild.FieldErrors[nameof(UnitForm.ParentId)]));
        Assert.False(underItself.Succeeded);
        Assert.Equal($"{root.Path}{top}/", (await UnitsAsync())[top].Path);
    }

    [Fact]
    public async Task Sibling_units_cannot_share_a_name()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var county = await Accounts.UnitIdAsync(app, "北山县人民检察院");

        var duplicate = await app.WithAsync<UnitAdminService, Result<int>>(s => s.CreateAsync(admin,
            new UnitForm { Name = " 综合办公室 ", Kind = UnitKind.Department, ParentId = county }));

        Assert.Equal("同一上级单位下已有同名的单位或部门。", Assert.Single(duplicate.Outcome.FieldErrors[nameof(UnitForm.Name)]));
    }

    [Fact]
    public async Task Every_unit_change_is_recorded_in_the_history()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var root = await RootAsync();
        var id = await CreateAsync(admin, "留痕测试科", root.Id, UnitKind.Department);

        await UpdateAsync(admin, new UnitForm { Id = id, Name = "留痕测试二科", Kind = UnitKind.Department, ParentId = root.Id });
        await app.WithAsync<UnitAdminService, Result>(s => s.DeactivateAsync(admin, id));

        await using var db = await DbAsync();
        var entries = await db.History.AsNoTracking().Where(h => h.EntityType == "Unit" && h.EntityId == id).OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(["Create", "Edit", "Deactivate"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(admin.UserId, e.ActorId));
        Assert.Contains("名称:留痕测试科 → 留痕测试二科", entries[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_with_active_accounts_or_sub_units_cannot_be_deactivated()
    {
        var admin = await app.ActorAsync(TrackerFactory.AdminUserName);
        var office = await Accounts.UnitIdAsync(app, "办公室");
        var county = await Accounts.UnitIdAsync(app, "青石县人民检察院");
        var root = await RootAsync();

        var withUsers = await app.WithAsync<UnitAdminService, Result>(s => s.DeactivateAsync(admin, office));
        var withChildren = await app.WithAsync<UnitAdminService, Result>(s => s.DeactivateAsync(admin, county));
        var theRoot = await app.WithAsync<UnitAdminService, Result>(s => s.DeactivateAsync(admin, root.Id));

        Assert.Contains("个未停用的账号", withUsers.Message, StringComparison.Ordinal);
        Assert.Contains("个启用中的下级单位", withChildren.Message, StringComparison.Ordinal);
        Assert.Equal("顶级单位不能停用。", theRoot.Message);
    }

    [Fact]
    public async Task Non_admin_cannot_change_units()
    {
        var office = await app.ActorAsync("office");
        var root = await RootAsync();

        var created = await app.WithAsync<UnitAdminService, Result<int>>(s => s.CreateAsync(office,
            new UnitForm { Name = "越权科", Kind = UnitKind.Department, ParentId = root.Id }));

        Assert.Equal(AdminAccess.Denied, created.Outcome.Message);
        Assert.DoesNotContain((await UnitsAsync()).Values, u => u.Name == "越权科");
    }

    private async Task<int> CreateAsync(Actor admin, string name, int parentId, UnitKind kind)
    {
        var result = await app.WithAsync<UnitAdminService, Result<int>>(s => s.CreateAsync(admin,
            new UnitForm { Name = name, Kind = kind, ParentId = parentId }));
        Assert.True(result.Succeeded, result.Outcome.Message);
        return result.Value;
    }

    private Task<Result> UpdateAsync(Actor admin, UnitForm form) =>
        app.WithAsync<UnitAdminService, Result>(s => s.UpdateAsync(admin, form));

    private async Task<OrgUnit> RootAsync() => (await UnitsAsync()).Values.Single(u => u.ParentId == null);

    private async Task<Dictionary<int, OrgUnit>> UnitsAsync()
    {
        await using var db = await DbAsync();
        return await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id);
    }

    private Task<TrackerDbContext> DbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
}
