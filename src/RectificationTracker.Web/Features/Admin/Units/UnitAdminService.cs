using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Admin.Units;

/// <summary>
/// The administrator's use cases on the organisation tree: create, edit (rename, move), deactivate and
/// reactivate a unit. Every change is recorded in the history chain and refreshes the unit directory.
/// </summary>
public sealed class UnitAdminService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    UnitDirectory directory,
    Clock clock,
    IValidator<UnitForm> validator)
{
    private const string NotFound = "未找到该单位,可能已被其他管理员修改,请刷新页面。";
    private const string DuplicateName = "同一上级单位下已有同名的单位或部门。";

    public async Task<Result<int>> CreateAsync(Actor actor, UnitForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        var validation = validator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == form.ParentId, ct).ConfigureAwait(false);
        if (parent is null || !parent.IsActive)
        {
            return Field(nameof(UnitForm.ParentId), "请选择一个启用中的上级单位。");
        }

        var name = form.Name.Trim();
        if (await db.Units.AnyAsync(u => u.ParentId == parent.Id && u.Name == name, ct).ConfigureAwait(false))
        {
            return Field(nameof(UnitForm.Name), DuplicateName);
        }

        var sort = form.SortOrder > 0
            ? form.SortOrder
            : (await db.Units.Where(u => u.ParentId == parent.Id).MaxAsync(u => (int?)u.SortOrder, ct).ConfigureAwait(false) ?? 0) + 1;
        var unit = new OrgUnit { Name = name, Kind = form.Kind, ParentId = parent.Id, SortOrder = sort, ShortName = Optional(form.ShortName), BulletinIssuer = Optional(form.BulletinIssuer) };
        try
        {
            // Two saves (the path needs the id), one transaction: no unit without a path.
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            unit.RebuildPath(parent);
            db.History.Add(HistoryEntry.For(HistoryEntities.Unit, unit.Id, actor, clock.UtcNow, HistoryActions.Create,
                details: $"新建{UnitKindNames.DisplayName(unit.Kind)}“{unit.Name}”,上级单位:{parent.Name},排序号:{unit.SortOrder.ToString(CultureInfo.InvariantCulture)}"));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The unique index (parent, name) caught a concurrent create of the same name.
            return Field(nameof(UnitForm.Name), DuplicateName);
        }
        finally
        {
            directory.Invalidate();
        }

        return Result.Success(unit.Id, $"已新建{UnitKindNames.DisplayName(unit.Kind)}“{unit.Name}”。");
    }

    public async Task<Result> UpdateAsync(Actor actor, UnitForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        var validation = validator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        // The whole tree is small (hundreds of units at most) and a move rewrites a whole subtree.
        var all = await db.Units.ToListAsync(ct).ConfigureAwait(false);
        var byId = all.ToDictionary(u => u.Id);
        if (!byId.TryGetValue(form.Id, out var unit))
        {
            return Result.Fail(NotFound);
        }

        OrgUnit? newParent = null;
        if (unit.ParentId is null)
        {
            if (form.ParentId is not null)
            {
                return Field(nameof(UnitForm.ParentId), "顶级单位不能移动到其他单位之下。");
            }
        }
        else
        {
            if (form.ParentId is not { } parentId || !byId.TryGetValue(parentId, out newParent))
            {
                return Field(nameof(UnitForm.ParentId), "请选择上级单位。");
            }

            if (OrgUnit.Contains(unit.Path, newParent.Path))
            {
                return Field(nameof(UnitForm.ParentId), "不能把单位移动到它自己或它的下级单位之下。");
            }

            if (!newParent.IsActive && newParent.Id != unit.ParentId)
            {
                return Field(nameof(UnitForm.ParentId), "不能移动到已停用的单位之下。");
            }
        }

        var name = form.Name.Trim();
        var siblingsOf = newParent?.Id;
        if (all.Any(u => u.Id != unit.Id && u.ParentId == siblingsOf && string.Equals(u.Name, name, StringComparison.Ordinal)))
        {
            return Field(nameof(UnitForm.Name), DuplicateName);
        }

        var changes = new List<string>();
        if (!string.Equals(unit.Name, name, StringComparison.Ordinal))
        {
            changes.Add($"名称:{unit.Name} → {name}");
            unit.Name = name;
        }

        if (unit.Kind != form.Kind)
        {
            changes.Add($"类型:{UnitKindNames.DisplayName(unit.Kind)} → {UnitKindNames.DisplayName(form.Kind)}");
            unit.Kind = form.Kind;
        }

        if (!string.Equals(unit.ShortName ?? "", Optional(form.ShortName) ?? "", StringComparison.Ordinal))
        {
            changes.Add($"简称:{unit.ShortName} → {Optional(form.ShortName)}");
            unit.ShortName = Optional(form.ShortName);
        }

        if (!string.Equals(unit.BulletinIssuer ?? "", Optional(form.BulletinIssuer) ?? "", StringComparison.Ordinal))
        {
            changes.Add($"通报发文机关:{unit.BulletinIssuer} → {Optional(form.BulletinIssuer)}");
            unit.BulletinIssuer = Optional(form.BulletinIssuer);
        }

        if (form.SortOrder > 0 && unit.SortOrder != form.SortOrder)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"排序号:{unit.SortOrder} → {form.SortOrder}"));
            unit.SortOrder = form.SortOrder;
        }

        var moved = newParent is not null && newParent.Id != unit.ParentId;
        if (moved)
        {
            var oldParentName = unit.ParentId is { } oldId && byId.TryGetValue(oldId, out var oldParent) ? oldParent.Name : "(无)";
            changes.Add($"上级单位:{oldParentName} → {newParent!.Name}");
            unit.ParentId = newParent.Id;
            unit.SortOrder = form.SortOrder > 0
                ? form.SortOrder
                : all.Where(u => u.ParentId == newParent.Id && u.Id != unit.Id).Select(u => u.SortOrder).DefaultIfEmpty(0).Max() + 1;
            var rebuilt = RebuildSubtreePaths(unit, newParent, all);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"重建了 {rebuilt} 个单位的层级路径"));
        }

        if (changes.Count == 0)
        {
            return Result.Ok("没有需要保存的修改。");
        }

        db.History.Add(HistoryEntry.For(HistoryEntities.Unit, unit.Id, actor, clock.UtcNow, HistoryActions.Edit,
            details: $"{unit.Name}:" + string.Join(";", changes)));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Field(nameof(UnitForm.Name), DuplicateName);
        }
        finally
        {
            directory.Invalidate();
        }

        return Result.Ok($"已保存“{unit.Name}”。");
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public Task<Result> DeactivateAsync(Actor actor, int unitId, CancellationToken ct = default) =>
        SetActiveAsync(actor, unitId, active: false, ct);

    public Task<Result> ActivateAsync(Actor actor, int unitId, CancellationToken ct = default) =>
        SetActiveAsync(actor, unitId, active: true, ct);

    /// <summary>
    /// Materialised paths of <paramref name="unit"/> and everything below it, top-down from its new
    /// parent. Returns how many units were rewritten.
    /// </summary>
    internal static int RebuildSubtreePaths(OrgUnit unit, OrgUnit? parent, IReadOnlyCollection<OrgUnit> all)
    {
        var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        var count = 0;
        void Walk(OrgUnit node, OrgUnit? nodeParent)
        {
            node.RebuildPath(nodeParent);
            count++;
            foreach (var child in children[node.Id])
            {
                Walk(child, node);
            }
        }

        Walk(unit, parent);
        return count;
    }

    private async Task<Result> SetActiveAsync(Actor actor, int unitId, bool active, CancellationToken ct)
    {
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var unit = await db.Units.Include(u => u.Parent).FirstOrDefaultAsync(u => u.Id == unitId, ct).ConfigureAwait(false);
        if (unit is null)
        {
            return Result.Fail(NotFound);
        }

        if (unit.IsActive == active)
        {
            return Result.Ok(active ? "该单位已是启用状态。" : "该单位已是停用状态。");
        }

        if (active)
        {
            if (unit.Parent is { IsActive: false } parent)
            {
                return Result.Fail($"上级单位“{parent.Name}”已停用,请先启用上级单位。");
            }
        }
        else
        {
            if (unit.ParentId is null)
            {
                return Result.Fail("顶级单位不能停用。");
            }

            var activeChildren = await db.Units.CountAsync(u => u.ParentId == unit.Id && u.IsActive, ct).ConfigureAwait(false);
            if (activeChildren > 0)
            {
                return Result.Fail($"“{unit.Name}”下还有 {activeChildren.ToString(CultureInfo.InvariantCulture)} 个启用中的下级单位,请先停用或移走它们。");
            }

            // SQLite cannot compare DateTimeOffset in SQL; a unit's accounts are few.
            var lockouts = await db.Users.Where(u => u.UnitId == unit.Id).Select(u => u.LockoutEnd).ToListAsync(ct).ConfigureAwait(false);
            var activeUsers = lockouts.Count(end => !AccountLockout.IsDisabled(end));
            if (activeUsers > 0)
            {
                return Result.Fail($"“{unit.Name}”下还有 {activeUsers.ToString(CultureInfo.InvariantCulture)} 个未停用的账号,请先把这些账号调到其他单位或停用。");
            }
        }

        unit.IsActive = active;
        db.History.Add(HistoryEntry.For(HistoryEntities.Unit, unit.Id, actor, clock.UtcNow, active ? HistoryActions.Activate : HistoryActions.Deactivate,
            details: (active ? "启用" : "停用") + $"{UnitKindNames.DisplayName(unit.Kind)}“{unit.Name}”"));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        directory.Invalidate();
        return Result.Ok(active ? $"已启用“{unit.Name}”。" : $"已停用“{unit.Name}”。");
    }

    private static Result Field(string property, string message) =>
        Result.Invalid(new ValidationResult([new ValidationFailure(property, message)]));
}
