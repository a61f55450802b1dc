using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// Response headers, login throttling, refused anti-forgery tokens and the data directory's permissions
/// (docs/security.md says what each defends).
/// </summary>
public static class SecurityPipeline
{
    /// <summary>
    /// Blazor Server needs scripts from this origin only (no eval: that is WebAssembly) and its
    /// WebSocket; MudBlazor sets style attributes, hence 'unsafe-inline' for styles only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    public const string LoginPolicy = "login";

    public static void AddTrackerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Tracker:Login:AttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the login POST is limited, per client address: one client trying many accounts (or
            // one account many times) is slowed down before any account is locked.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await WritePageAsync(context.HttpContext.Response, "登录尝试过于频繁", "该地址的登录尝试过于频繁,请 1 分钟后再试。", ct).ConfigureAwait(false);
            };
        });
    }

    /// <summary>Security headers on every response; runs first so that error and refusal pages have them too.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                // Replaces Blazor's own "frame-ancestors 'self'" (this callback runs last): ours includes a stricter one.
                headers.ContentSecurityPolicy = ContentSecurityPolicy;

                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    /// <summary>
    /// A POST whose anti-forgery token is missing or wrong gets 400 and a Chinese page, instead of an
    /// exception (500) whose error page re-ran the POST. Must follow UseAntiforgery.
    /// </summary>
    public static void UseAntiforgeryRefusalPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WritePageAsync(http.Response, "请求已过期", "页面已过期或请求来源无法验证(防伪令牌无效),请返回刷新页面后重试。", http.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(http).ConfigureAwait(false);
        });
    }

    /// <summary>Where a user who must change the password is sent; with logout the only page such a user may reach.</summary>
    public const string ChangePasswordPath = "/Account/ChangePassword";

    /// <summary>
    /// A signed-in user whose password must be changed (initial password, a reset, expiry: the principal carries
    /// <see cref="TrackerClaims.PasswordChange"/>) reaches the change-password page and logout only, whatever the
    /// request: a page is redirected there, anything else (a download, a form post, the Blazor circuit's hub) is
    /// refused with 403. Anonymous endpoints (login, static files) stay open. Must follow UseAuthentication.
    /// </summary>
    public static void UseForcedPasswordChange(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            if (http.User.FindFirst(TrackerClaims.PasswordChange) is null
                || http.Request.Path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
                || http.Request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
            {
                await next(http).ConfigureAwait(false);
                return;
            }

            if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && !http.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Redirect(ChangePasswordPath);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WritePageAsync(http.Response, "请先修改密码", "按密码安全规定,您须先修改密码才能继续使用系统。", http.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>The data directory (database, evidence, keys) readable by the app's own user only: 0700 for directories, 0600 for files.</summary>
    public static void RestrictDataDirectory(string directory)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory))
        {
            return;
        }

        const UnixFileMode Dir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        System.IO.File.SetUnixFileMode(directory, Dir);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is null)
            {
                entry.UnixFileMode = entry is DirectoryInfo ? Dir : File;
            }
        }
    }

    private static async Task WritePageAsync(HttpResponse response, string title, string message, CancellationToken ct)
    {
        response.ContentType = "text/html; charset=utf-8";
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)} - 巡察整改销号管理系统</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p role=\"alert\">{WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">返回首页</a></p></body></html>");
        await response.WriteAsync(html, ct).ConfigureAwait(false);
    }
}
