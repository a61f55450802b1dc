using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Ledger;

namespace RectificationTracker.Web.Components.Tests.Ledger;

public sealed class LedgerFilterTests(SeededApp app) : AppComponentTest(app)
{
    [Fact]
    public async Task The_ledger_reads_its_filter_from_the_URL_and_shows_only_matching_rows()
    {
        await SignInAsync("office");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/ledger?state=Closed");

        var cut = Render<LedgerPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody .rt-state-badge")), TimeSpan.FromSeconds(10));
        var states = cut.FindAll("tbody .rt-state-badge").Select(b => b.TextContent.Trim()).Distinct().ToList();
        var closedLabels = Enum.GetValues<TaskCategory>().Select(c => TaskNames.StateLabel(TaskState.Closed, c)).ToHashSet();
        Assert.All(states, s => Assert.Contains(s, closedLabels));
        Assert.Equal(TaskNames.DisplayName(TaskState.Closed), InputOf(cut.Find("[data-filter=state]")).GetAttribute("value"));
    }

    [Fact]
    public async Task A_changed_filter_goes_into_the_URL_and_parses_back_to_the_same_filter()
    {
        await SignInAsync("office");
        var nav = Services.GetRequiredService<NavigationManager>();
        var start = new LedgerFilter { State = TaskState.InProgress, Light = TaskLight.Red, DeadlineFrom = new DateOnly(2026, 11, 1) };
        nav.NavigateTo("/ledger" + start.ToQueryString());
        var parsed = LedgerFilter.Parse(new Uri(nav.Uri).Query);
        Assert.Equal(start, parsed);

        var cut = Render<LedgerFilterBar>(p => p.Add(x => x.Filter, parsed));
        InputOf(cut.Find("[data-filter=q]")).Change("专题研讨");

        var after = LedgerFilter.Parse(new Uri(nav.Uri).Query);
        Assert.Equal(start with { Text = "专题研讨" }, after);
        Assert.StartsWith("http://localhost/ledger?", nav.Uri, StringComparison.Ordinal);

        cut.Render(p => p.Add(x => x.Filter, after));
        cut.FindAll("button").Single(b => b.TextContent.Contains("清除筛选", StringComparison.Ordinal)).Click();
        Assert.Equal("http://localhost/ledger", nav.Uri);
    }

    /// <summary>MudBlazor puts unmatched attributes on the input itself or on its wrapper, depending on the component.</summary>
    private static AngleSharp.Dom.IElement InputOf(AngleSharp.Dom.IElement element) =>
        element.TagName == "INPUT" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException("no input in " + element.OuterHtml);
}
