using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.History;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Account;

/// <summary>
/// A user changes their own password: checked against the policy and the password history by Identity's
/// validators (<see cref="PolicyPasswordValidator"/>), the forced change lifted, the new hash remembered, the
/// account's other sessions ended (a new security stamp), and a history record written, all in one transaction.
/// </summary>
public sealed class ChangePasswordHandler(
    UserManager<AppUser> users,
    TrackerDbContext db,
    ActorResolver actors,
    Clock clock,
    ILogger<ChangePasswordHandler> logger)
{
    public async Task<Result> ChangeAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        if (user is null)
        {
            return Result.Fail("未找到当前用户,请重新登录。");
        }

        var actor = await actors.ResolveAsync(principal, ct).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        user.MustChangePassword = false;
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        if (!changed.Succeeded)
        {
            // Nothing was saved; the flag set above must not linger on the tracked user either.
            user.MustChangePassword = db.Entry(user).Property(u => u.MustChangePassword).OriginalValue;
            return Result.Fail(string.Join("\n", changed.Errors.Select(e => e.Description)));
        }

        db.History.Add(HistoryEntry.For(HistoryEntities.User, null, actor, clock.UtcNow, HistoryActions.ChangePassword,
            $"用户 {user.UserName} 修改了本人密码"));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Password change of {UserId} failed; rolled back", user.Id);
            return Result.Fail("保存失败:密码未修改。请稍后重试。");
        }

        return Result.Ok("密码已修改。");
    }
}
