using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Ledger;
using RectificationTracker.Web.Infrastructure;

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
        Assert.Equal(TaskNames.DisplayName(TaskState.Closed), SelectedText(cut.Find("select[data-filter=state]")));
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

    [Fact]
    public async Task The_folded_filter_button_counts_the_fields_set_and_unfolds_the_fields()
    {
        await SignInAsync("office");
        var filter = new LedgerFilter { State = TaskState.InProgress, Text = "专题", Page = 2 };
        var cut = Render<LedgerFilterBar>(p => p.Add(x => x.Filter, filter));

        var toggle = cut.Find("button.rt-filter-toggle");
        Assert.Equal("筛选(已设 2 项)", toggle.TextContent.Trim());
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Contains("rt-filter-folded", cut.Find("#ledger-filters").ClassList);

        toggle.Click();

        Assert.Equal("true", cut.Find("button.rt-filter-toggle").GetAttribute("aria-expanded"));
        Assert.DoesNotContain("rt-filter-folded", cut.Find("#ledger-filters").ClassList);
        cut.Render(p => p.Add(x => x.Filter, new LedgerFilter()));
        Assert.Equal("筛选", cut.Find("button.rt-filter-toggle").TextContent.Trim());
    }

    [Fact]
    public async Task Typing_in_the_unit_filter_lists_only_matching_units_by_their_distinct_label_and_a_pick_goes_into_the_URL()
    {
        await SignInAsync("office");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/ledger?state=InProgress");
        var units = await Services.GetRequiredService<UnitDirectory>().InScopeAsync("/");
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<LedgerFilterBar>(p => p.Add(x => x.Filter, LedgerFilter.Parse(new Uri(nav.Uri).Query)).Add(x => x.Units, units));
        Assert.Empty(popovers.FindAll(".mud-list-item")); // no option is rendered until the list opens

        InputOf(cut.Find("[data-filter=unit]")).Input("综合办公室");

        // Three counties each have a 综合办公室: the list tells them apart.
        var expected = units.Where(u => u.Name == "综合办公室").Select(u => u.Label).ToList();
        Assert.True(expected.Count >= 3);
        popovers.WaitForAssertion(() => Assert.Equal(expected, popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), Wait);
        Assert.All(expected, label => Assert.EndsWith(" / 综合办公室", label, StringComparison.Ordinal));

        var target = units.Single(u => u.Label == expected[1]);
        popovers.FindAll(".mud-list-item")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal(new LedgerFilter { State = TaskState.InProgress, UnitId = target.Id }, LedgerFilter.Parse(new Uri(nav.Uri).Query)), Wait);
        cut.Render(p => p.Add(x => x.Filter, LedgerFilter.Parse(new Uri(nav.Uri).Query)));
        Assert.Equal(target.Label, InputOf(cut.Find("[data-filter=unit]")).GetAttribute("value"));
    }

    [Fact]
    public async Task The_leader_filter_searches_as_you_type_and_writes_the_leader_into_the_URL()
    {
        await SignInAsync("office");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/ledger");
        var leaders = await Services.GetRequiredService<RectificationTracker.Web.Features.Tasks.PeopleQueries>().LeadersAsync();
        var leader = leaders[^1];
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<LedgerFilterBar>(p => p.Add(x => x.Filter, new LedgerFilter()).Add(x => x.Leaders, leaders));

        InputOf(cut.Find("[data-filter=leader]")).Input(leader.Name);

        popovers.WaitForAssertion(() => Assert.Contains(leader.Name, popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), Wait);
        Assert.All(popovers.FindAll(".mud-list-item"), i => Assert.Contains(leader.Name, i.TextContent, StringComparison.Ordinal));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == leader.Name).Click();

        cut.WaitForAssertion(() => Assert.Equal(leader.Id, LedgerFilter.Parse(new Uri(nav.Uri).Query).LeadLeaderId), Wait);
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Choosing_a_state_and_a_deadline_in_the_native_fields_writes_them_into_the_URL()
    {
        await SignInAsync("office");
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/ledger");
        var cut = Render<LedgerFilterBar>(p => p.Add(x => x.Filter, new LedgerFilter()));
        Assert.Equal("全部", SelectedText(cut.Find("select[data-filter=state]")));

        cut.Find("select[data-filter=state]").Change(nameof(TaskState.AwaitingReview));
        var after = LedgerFilter.Parse(new Uri(nav.Uri).Query);
        Assert.Equal(new LedgerFilter { State = TaskState.AwaitingReview }, after);

        cut.Render(p => p.Add(x => x.Filter, after));
        cut.Find("input[data-filter=to]").Change("2026-12-31");
        Assert.Equal(new LedgerFilter { State = TaskState.AwaitingReview, DeadlineTo = new DateOnly(2026, 12, 31) }, LedgerFilter.Parse(new Uri(nav.Uri).Query));
        Assert.Equal(TaskNames.DisplayName(TaskState.AwaitingReview), SelectedText(cut.Find("select[data-filter=state]")));
    }

    /// <summary>The text of the option a native select shows (Blazor renders the select's value as an attribute).</summary>
    private static string SelectedText(AngleSharp.Dom.IElement select)
    {
        var options = select.QuerySelectorAll("option");
        var chosen = select.GetAttribute("value") is { } value
            ? options.Single(o => (o.GetAttribute("value") ?? "") == value)
            : options.FirstOrDefault(o => o.HasAttribute("selected")) ?? options[0];
        return chosen.TextContent.Trim();
    }

    /// <summary>MudBlazor puts unmatched attributes on the input itself or on its wrapper, depending on the component.</summary>
    private static AngleSharp.Dom.IElement InputOf(AngleSharp.Dom.IElement element) =>
        element.TagName == "INPUT" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException("no input in " + element.OuterHtml);
}
