using MudBlazor;

namespace RectificationTracker.Web.Infrastructure.Ui;

/// <summary>
/// MudThemeProvider that does not call JavaScript when a prerendered (static) copy is disposed.
/// MudBlazor 9.12.0 always stops watching the system dark mode on dispose, which during prerender throws
/// (and catches) an InvalidOperationException on every request. The static copy never started watching
/// (OnAfterRender does not run during prerender), so there is nothing to stop.
/// </summary>
public sealed class TrackerThemeProvider : MudThemeProvider
{
    protected override ValueTask DisposeAsyncCore() =>
        RendererInfo.IsInteractive ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
}
