using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace RectificationTracker.Web.Infrastructure;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Logout is a POST with an antiforgery token (the form in the user menu), never a GET link.
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync().ConfigureAwait(false);
            return TypedResults.LocalRedirect("/Account/Login");
        });
    }
}
