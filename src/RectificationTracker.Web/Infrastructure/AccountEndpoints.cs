using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace RectificationTracker.Web.Infrastructure;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Logout is a POST with an antiforgery token (the form in the user menu), never a GET link.
        app.MapPost("/Account/Logout", async (HttpContext http, SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            // A new security stamp ends every session of the account, not only this browser's cookie:
            // a copy of the cookie is worthless from now on.
            if (await signIn.UserManager.GetUserAsync(http.User).ConfigureAwait(false) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user).ConfigureAwait(false);
            }

            await signIn.SignOutAsync().ConfigureAwait(false);
            return TypedResults.LocalRedirect("/Account/Login");
        });
    }
}
