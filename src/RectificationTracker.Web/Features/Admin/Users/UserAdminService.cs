using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Admin.Users;

/// <summary>
/// The administrator's use cases on accounts: create, edit profile and roles, reset the password,
/// disable (lock) and re-enable (unlock). Passwords never reach the history.
/// </summary>
/// <remarks>
/// A Blazor circuit lives for hours, so each operation takes a fresh scope for Identity's
/// <see cref="UserManager{TUser}"/> (and the DbContext behind it) instead of the circuit's long-lived one.
/// One use case, one transaction: the Identity change and its history record are written on that scope's
/// context inside one transaction, so both are saved or neither.
/// </remarks>
public sealed class UserAdminService(
    IServiceScopeFactory scopes,
    UnitDirectory units,
    Clock clock,
    IValidator<CreateUserForm> createValidator,
    IValidator<EditUserForm> editValidator,
    IValidator<ResetPasswordForm> resetValidator,
    PasswordPolicy passwords,
    ILogger<UserAdminService> logger)
{
    /// <summary>The database refused the write: nothing was saved.</summary>
    public const string SaveFailedMessage = "保存失败:数据未能写入,未作任何修改。请稍后重试。";

    private const string NotFound = "未找到该用户,可能已被其他管理员修改,请刷新页面。";

    public async Task<Result<string>> CreateAsync(Actor actor, CreateUserForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        var validation = createValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        var unit = await units.FindAsync(form.UnitId, ct).ConfigureAwait(false);
        if (unit is not { IsActive: true })
        {
            return Field(nameof(CreateUserForm.UnitId), "请选择一个启用中的单位。");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var user = new AppUser
        {
            UserName = form.UserName.Trim(),
            DisplayName = form.DisplayName.Trim(),
            JobTitle = Clean(form.JobTitle),
            UnitId = unit.Id,
            CreatedAtUtc = clock.UtcNow,
            LockoutEnabled = true,
            // The administrator knows this password: the user must replace it at the first sign-in.
            MustChangePassword = true,
        };
        var roles = form.Roles.Distinct().Order().ToList();
        var created = await users.CreateAsync(user, form.Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return FromIdentity(created, nameof(CreateUserForm.Password));
        }

        var assigned = await users.AddToRolesAsync(user, roles.Select(r => r.ToString())).ConfigureAwait(false);
        if (!assigned.Succeeded)
        {
            return FromIdentity(assigned, nameof(CreateUserForm.Roles)); // rolled back: no half-made account
        }

        if (await CommitWithRecordAsync(db, transaction, actor, HistoryActions.Create,
            $"新建用户 {user.UserName}:姓名 {user.DisplayName};职务 {user.JobTitle ?? "(无)"};单位 {unit.Name};角色 {RoleNames(roles)}",
            ct).ConfigureAwait(false) is { } failed)
        {
            return Result.Fail(failed);
        }

        return Result.Success(user.Id, $"已创建用户“{user.DisplayName}”({user.UserName})。请把初始密码告知本人;首次登录时须先修改密码。");
    }

    public async Task<Result> UpdateAsync(Actor actor, EditUserForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        var validation = editValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        var wanted = form.Roles.Distinct().Order().ToList();
        if (IsSelf(actor, form.Id) && !wanted.Contains(Role.Admin))
        {
            return Field(nameof(EditUserForm.Roles), "不能取消自己的系统管理员角色;如需变更,请由其他管理员操作。");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var user = await users.FindByIdAsync(form.Id).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail(NotFound);
        }

        var unit = await units.FindAsync(form.UnitId, ct).ConfigureAwait(false);
        if (unit is null || (!unit.IsActive && unit.Id != user.UnitId))
        {
            return Field(nameof(EditUserForm.UnitId), "请选择一个启用中的单位。");
        }

        var current = (await users.GetRolesAsync(user).ConfigureAwait(false))
            .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().Order().ToList();
        var changes = new List<string>();
        var displayName = form.DisplayName.Trim();
        var jobTitle = Clean(form.JobTitle);
        if (!string.Equals(user.DisplayName, displayName, StringComparison.Ordinal))
        {
            changes.Add($"姓名:{user.DisplayName} → {displayName}");
            user.DisplayName = displayName;
        }

        if (!string.Equals(user.JobTitle, jobTitle, StringComparison.Ordinal))
        {
            changes.Add($"职务:{user.JobTitle ?? "(无)"} → {jobTitle ?? "(无)"}");
            user.JobTitle = jobTitle;
        }

        var unitChanged = user.UnitId != unit.Id;
        if (unitChanged)
        {
            var oldUnit = await units.FindAsync(user.UnitId, ct).ConfigureAwait(false);
            changes.Add($"单位:{oldUnit?.Name ?? "(无)"} → {unit.Name}");
            user.UnitId = unit.Id;
        }

        var removed = current.Except(wanted).ToList();
        var added = wanted.Except(current).ToList();
        if (removed.Count > 0 || added.Count > 0)
        {
            changes.Add($"角色:{RoleNames(current)} → {RoleNames(wanted)}");
        }

        if (changes.Count == 0)
        {
            return Result.Ok("没有需要保存的修改。");
        }

        var outcome = await users.UpdateAsync(user).ConfigureAwait(false);
        if (outcome.Succeeded && removed.Count > 0)
        {
            outcome = await users.RemoveFromRolesAsync(user, removed.Select(r => r.ToString())).ConfigureAwait(false);
        }

        if (outcome.Succeeded && added.Count > 0)
        {
            outcome = await users.AddToRolesAsync(user, added.Select(r => r.ToString())).ConfigureAwait(false);
        }

        // Losing a role or moving unit narrows what the user may do: end their open sessions now
        // (sign-in cookies and circuits re-check the security stamp) rather than at the next refresh.
        if (outcome.Succeeded && (removed.Count > 0 || unitChanged))
        {
            outcome = await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        }

        if (!outcome.Succeeded)
        {
            return FromIdentity(outcome, null);
        }

        if (await CommitWithRecordAsync(db, transaction, actor, HistoryActions.Edit, $"修改用户 {user.UserName}:" + string.Join(";", changes), ct)
                .ConfigureAwait(false) is { } failed)
        {
            return Result.Fail(failed);
        }

        return Result.Ok($"已保存用户“{user.DisplayName}”。");
    }

    /// <summary>Sets the new password; when generated, the result carries it so the page can show it once.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Actor actor, ResetPasswordForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        var validation = resetValidator.Validate(form);
        if (!validation.IsValid)
        {
            return Result.Invalid(validation);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var user = await users.FindByIdAsync(form.UserId).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail(NotFound);
        }

        var password = form.Generate ? passwords.Generate() : form.NewPassword!;
        // The administrator knows the new password: the user must replace it at the next sign-in.
        user.MustChangePassword = true;
        // A reset token keeps it one step: the old password stays if the new one is refused.
        var token = await users.GeneratePasswordResetTokenAsync(user).ConfigureAwait(false);
        var reset = await users.ResetPasswordAsync(user, token, password).ConfigureAwait(false);
        if (!reset.Succeeded)
        {
            return FromIdentity(reset, nameof(ResetPasswordForm.NewPassword));
        }

        // The user is usually locked out after forgetting the password; a timed lockout ends here.
        // A disabled account stays disabled: re-enabling it is a separate, deliberate step.
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        if (AccountLockout.IsTemporarilyLocked(user.LockoutEnd, clock.UtcNow))
        {
            await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
        }

        if (await CommitWithRecordAsync(db, transaction, actor, HistoryActions.ResetPassword,
            $"重置用户 {user.UserName} 的密码({(form.Generate ? "随机生成" : "管理员设定")})", ct).ConfigureAwait(false) is { } failed)
        {
            return Result.Fail(failed);
        }

        var note = AccountLockout.IsDisabled(user.LockoutEnd) ? "注意:该账号仍处于停用状态,启用后才能登录。" : "";
        return form.Generate
            ? Result.Success(password, $"已为“{user.DisplayName}”生成新密码。新密码只显示这一次,请告知本人;其登录后须先修改密码。{note}")
            : Result.Success("", $"已重置“{user.DisplayName}”的密码;其登录后须先修改密码。{note}");
    }

    /// <summary>Disable (停用) an account: it cannot sign in and its open sessions end.</summary>
    public async Task<Result> LockAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        if (IsSelf(actor, userId))
        {
            return Result.Fail("不能停用自己的账号。");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail(NotFound);
        }

        if (AccountLockout.IsDisabled(user.LockoutEnd))
        {
            return Result.Ok($"“{user.DisplayName}”的账号已是停用状态。");
        }

        var outcome = await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            outcome = await users.SetLockoutEndDateAsync(user, AccountLockout.Disabled).ConfigureAwait(false);
        }

        if (outcome.Succeeded)
        {
            outcome = await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        }

        if (!outcome.Succeeded)
        {
            return FromIdentity(outcome, null);
        }

        if (await CommitWithRecordAsync(db, transaction, actor, HistoryActions.Lock, $"停用用户 {user.UserName}({user.DisplayName})", ct)
                .ConfigureAwait(false) is { } failed)
        {
            return Result.Fail(failed);
        }

        return Result.Ok($"已停用“{user.DisplayName}”的账号。");
    }

    /// <summary>Re-enable a disabled account, or lift a lockout after wrong passwords.</summary>
    public async Task<Result> UnlockAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        if (!AdminAccess.Allowed(actor))
        {
            return Result.Fail(AdminAccess.Denied);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail(NotFound);
        }

        var wasDisabled = AccountLockout.IsDisabled(user.LockoutEnd);
        var outcome = await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            outcome = await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        }

        if (!outcome.Succeeded)
        {
            return FromIdentity(outcome, null);
        }

        if (await CommitWithRecordAsync(db, transaction, actor, HistoryActions.Unlock, $"{(wasDisabled ? "启用" : "解锁")}用户 {user.UserName}({user.DisplayName})", ct)
                .ConfigureAwait(false) is { } failed)
        {
            return Result.Fail(failed);
        }

        return Result.Ok(wasDisabled ? $"已启用“{user.DisplayName}”的账号。" : $"已解除“{user.DisplayName}”的锁定。");
    }

    /// <summary>
    /// Adds the history record on the context Identity wrote through and commits the transaction; returns the failure
    /// to show (and nothing is committed) when the database refuses.
    /// </summary>
    private async Task<string?> CommitWithRecordAsync(TrackerDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        Actor actor, string action, string details, CancellationToken ct)
    {
        // Users have string ids; the history's entity id is numeric, so the user name goes in the details.
        db.History.Add(HistoryEntry.For(HistoryEntities.User, null, actor, clock.UtcNow, action, details));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "User administration ({Action}) by {UserId} failed; rolled back", action, actor.UserId);
            return SaveFailedMessage;
        }
    }

    private static bool IsSelf(Actor actor, string userId) => string.Equals(actor.UserId, userId, StringComparison.Ordinal);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string RoleNames(IEnumerable<Role> roles)
    {
        var names = roles.Select(Roles.DisplayName).ToList();
        return names.Count == 0 ? "(无)" : string.Join("、", names);
    }

    /// <summary>Identity's (Chinese) errors, placed beside the field they concern.</summary>
    private static Result FromIdentity(IdentityResult result, string? passwordField)
    {
        var failures = result.Errors.Select(e => new ValidationFailure(
                e.Code.StartsWith("Password", StringComparison.Ordinal) && passwordField is not null ? passwordField
                : e.Code is "DuplicateUserName" or "InvalidUserName" ? nameof(CreateUserForm.UserName)
                : "",
                e.Description))
            .ToList();
        var fieldFailures = failures.Where(f => f.PropertyName.Length > 0).ToList();
        if (fieldFailures.Count == failures.Count && failures.Count > 0)
        {
            return Result.Invalid(new ValidationResult(failures));
        }

        return Result.Fail(string.Join(";", result.Errors.Select(e => e.Description)));
    }

    private static Result Field(string property, string message) =>
        Result.Invalid(new ValidationResult([new ValidationFailure(property, message)]));
}
