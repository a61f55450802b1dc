using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RectificationTracker.Web.Components;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Infrastructure.Health;
using RectificationTracker.Web.Infrastructure.PdfWriter;

namespace RectificationTracker.Web;

/// <summary>The app's composition, one method per concern; Program.cs reads as a table of contents.</summary>
public static class TrackerServiceCollectionExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static void AddTrackerConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddJsonFile("appsettings.Local.json", optional: true, reloadOnChange: false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The build output run outside Development (`dotnet run -c Release`, bin/…/RectificationTracker.Web)
        // answers 500 for _framework/blazor.web.js and _content/* unless the static web assets manifest
        // is used; after `dotnet publish` there is no manifest and this is a no-op (docs/adr/0001).
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddOptions<TrackerOptions>().Bind(builder.Configuration.GetSection(TrackerOptions.Section));
        builder.Services.AddOptions<Features.Tasks.UrgingOptions>().Bind(builder.Configuration.GetSection(Features.Tasks.UrgingOptions.Section));
        builder.Services.AddOptions<Features.Digest.DigestOptions>().Bind(builder.Configuration.GetSection(Features.Digest.DigestOptions.Section));
        builder.WebHost.ConfigureKestrel((ctx, kestrel) =>
        {
            var max = ctx.Configuration.GetValue<long?>("Tracker:MaxUploadBytes") ?? 50L * 1024 * 1024;
            kestrel.Limits.MaxRequestBodySize = max + (1024 * 1024);
        });
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;
    }

    public static void AddTrackerData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TrackerOptions.Section).Get<TrackerOptions>() ?? new TrackerOptions();
        var database = DatabaseSettings.From(configuration, options);
        services.AddSingleton(database);
        // SQLite (default) or PostgreSQL by Tracker:Database:Provider; the factory creates the provider's context type.
        services.AddDbContextFactory<TrackerDbContext, TrackerDbContextFactory>(o => Database.Configure(o, database));
        // Identity's stores want a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContext());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Clock>();
        services.AddSingleton<UnitDirectory>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<HistoryAnchors>();
        services.AddHostedService<HistoryAnchorWriter>();
        services.AddHostedService<PlannerStatistics>();
        var protection = services.AddDataProtection().SetApplicationName("RectificationTracker");
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Several instances share one key ring: cookies, antiforgery tokens and circuits work on each.
            protection.PersistKeysToDbContext<TrackerDbContext>();
        }
        else
        {
            // One instance on its own file: the keys stay beside the database, as before (docs/adr/0012).
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));
        }
    }

    public static void AddTrackerIdentity(this IServiceCollection services)
    {
        services.AddOptions<PasswordPolicyOptions>().BindConfiguration(PasswordPolicyOptions.Section);
        services.AddSingleton<PasswordPolicy>();
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                PasswordPolicy.Apply(o.Password);
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<TrackerDbContext>()
            .AddUserManager<TrackerUserManager>()
            .AddPasswordValidator<PolicyPasswordValidator>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<TrackerClaimsFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "tracker.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over HTTPS (behind a proxy: forwarded headers, docs/security.md).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // Every request checks the account's security stamp: logout, a password change, disabling and a
        // change of roles or unit end every session of the account at once (docs/security.md).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<AccountSessions>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ActorResolver>();
        services.AddScoped<CurrentUser>();
    }

    /// <summary>Handlers and queries of every feature folder, and their validators.</summary>
    public static void AddTrackerFeatures(this IServiceCollection services)
    {
        services.AddTrackerPdf();
        // The first report after start as fast as later ones: fonts, report queries and layout warmed in the background.
        services.AddSingleton<Features.Reports.ReportWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Reports.ReportWarmUp>());
        var types = typeof(TrackerServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false });
        foreach (var t in types.Where(t => t.Namespace?.StartsWith("RectificationTracker.Web.Features", StringComparison.Ordinal) == true
                     && (t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Queries", StringComparison.Ordinal)
                         || t.Name.EndsWith("Service", StringComparison.Ordinal))))
        {
            services.AddScoped(t);
        }

        // 每日待办摘要: the runner, its scheduler and the outgoing channel (SMTP, off unless Tracker:Digest:Smtp:Enabled).
        services.AddSingleton<Features.Digest.DigestRunner>();
        services.AddSingleton<Features.Digest.IDigestChannel, Features.Digest.SmtpDigestChannel>();
        services.AddHostedService<Features.Digest.DigestScheduler>();

        // Load within the actor's scope, or record the denied attempt: one service for every handler, query and endpoint.
        services.AddScoped<Features.Common.ScopedAccess>();
        // Denied attempts counted per user, minute and kind, written when the minute is over (and at shut-down,
        // before the history anchor writer's last anchor: hosted services stop in reverse order).
        services.AddSingleton<Features.Common.DeniedAttempts>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Common.DeniedAttempts>());

        // Validators beside their commands; built-in messages in Chinese, our own .WithMessage texts where they read better.
        ValidatorOptions.Global.LanguageManager.Culture = Culture;
        services.AddValidatorsFromAssemblyContaining<App>(ServiceLifetime.Singleton, includeInternalTypes: true);
    }

    /// <summary>The largest message a browser may send over a circuit (docs/security.md).</summary>
    public const long MaxCircuitMessageBytes = 4 * 1024 * 1024;

    public static void AddTrackerUi(this IServiceCollection services)
    {
        // Blazor text inputs send their whole value in one SignalR message; 32 KB (the default) cut a
        // pasted feedback document off with "Connection closed with an error". The intake text area stops
        // input one character over FeedbackText.MaxCharacters (the server refuses that with a message);
        // 4 MB covers that many characters even when every one is escaped twice in the JSON frame.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        services.AddMudServices();
        services.AddSingleton<Infrastructure.Ui.ThemeStyleCache>();
        services.AddTransient<MudBlazor.MudLocalizer, Infrastructure.Ui.ChineseMudLocalizer>();
        // Emit Chinese text as is in rendered HTML rather than as &#x...; escapes (markup-significant
        // characters are still encoded).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<Features.Worklists.NavCounts>();
    }

    public static void AddTrackerHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<ReportEngineHealthCheck>("report-engine");
    }

    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var init = ActivatorUtilities.CreateInstance<DatabaseInitialiser>(scope.ServiceProvider);
        await init.RunAsync(Console.Out).ConfigureAwait(false);
        // Database, evidence and keys: the app's own user only (0700/0600).
        var options = app.Configuration.GetSection(TrackerOptions.Section).Get<TrackerOptions>() ?? new TrackerOptions();
        SecurityPipeline.RestrictDataDirectory(Path.GetFullPath(options.DataDirectory));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine($"巡察整改销号管理系统已启动,请用浏览器打开 {urls}(按 Ctrl+C 停止)");
        });
    }

    public static void UseTrackerPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseForcedPasswordChange();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseAntiforgeryRefusalPage();
    }

    public static void MapTrackerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets().AllowAnonymous();
        app.MapTrackerHealth();
        app.MapAccountEndpoints();
        app.MapEvidenceEndpoints();
        Features.ThreeLists.ThreeListEndpoints.MapThreeListEndpoints(app);
        app.MapReportEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // The framework script is loaded by the login page too; the fallback policy would
                // otherwise answer an anonymous request for it with a redirect to the login page.
                if (endpoint is RouteEndpointBuilder route
                    && route.RoutePattern.RawText?.StartsWith("/_framework/", StringComparison.Ordinal) == true)
                {
                    route.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
                }
            });
    }
}
