using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RectificationTracker.Web.Infrastructure.Ui;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// A bunit context with MudBlazor's services, our Chinese <see cref="MudLocalizer"/> and the zh-CN culture the app
/// runs in. MudBlazor's popover service is only IAsyncDisposable, so the context is disposed asynchronously
/// through xunit's IAsyncLifetime (stack.md's bunit gotcha).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    protected MudTestContext()
    {
        CultureInfo.CurrentCulture = Chinese;
        CultureInfo.CurrentUICulture = Chinese;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
