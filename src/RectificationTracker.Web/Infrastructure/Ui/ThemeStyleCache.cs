using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace RectificationTracker.Web.Infrastructure.Ui;

/// <summary>
/// The theme's stylesheet (MudThemeProvider's CSS variables, ~12 KB) rendered once and kept, for the prerendered
/// (static) copy of every page: building it on every request allocated ~165 KB, a sixth of a page's first response,
/// and caused most of the gen-1 collections under load (issue 12: the ledger's first response). The interactive
/// page renders the real <see cref="TrackerThemeProvider"/>, which writes the same stylesheet.
/// </summary>
public sealed class ThemeStyleCache(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<Task<MarkupString>> _markup = new(() => RenderAsync(services, loggers));

    public Task<MarkupString> GetAsync() => _markup.Value;

    private static async Task<MarkupString> RenderAsync(IServiceProvider services, ILoggerFactory loggers)
    {
        // A scope of its own: the provider's services are scoped (resolving them from the root fails scope validation).
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TrackerThemeProvider>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { [nameof(TrackerThemeProvider.Theme)] = TrackerTheme.Theme })).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);
        return new MarkupString(html);
    }
}
