using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Notifications;

namespace RectificationTracker.Web.Components.Tests.Notifications;

public sealed class NotificationBellTests(SeededApp app) : AppComponentTest(app)
{
    [Theory]
    [InlineData("office")]
    [InlineData("unit")]
    [InlineData("leader")]
    public async Task The_bell_shows_the_users_count_and_opens_on_their_notices(string user)
    {
        var actor = await SignInAsync(user);
        var notices = await Services.GetRequiredService<NotificationQueries>().ForAsync(actor);
        Assert.True(notices.Total > 0, $"the demo data gives {user} nothing to do");

        var cut = Render<NotificationBell>();

        var count = notices.Total > 99 ? "99+" : notices.Total.ToString(CultureInfo.InvariantCulture);
        cut.WaitForAssertion(() => Assert.Equal(count, cut.Find("[data-testid=bell-count]").TextContent.Trim()));
        Assert.Equal($"通知,{notices.Total} 条待处理", cut.Find("button.rt-bell-button").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[data-testid=notice]"));

        cut.Find("button.rt-bell-button").Click();

        cut.WaitForAssertion(() => Assert.Equal(notices.Items.Count, cut.FindAll("[data-testid=notice]").Count));
        Assert.Contains($"共 {notices.Total} 条", cut.Find(".rt-bell-head").TextContent, StringComparison.Ordinal);
        var first = cut.FindAll("[data-testid=notice]")[0];
        Assert.Equal(notices.Items[0].Headline, first.QuerySelector(".rt-bell-kind")!.TextContent.Trim());
        Assert.Equal($"tasks/{notices.Items[0].TaskId}", first.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Users_with_different_duties_see_different_counts()
    {
        var queries = Services.GetRequiredService<NotificationQueries>();
        var office = await queries.CountAsync(await SignInAsync("office"));
        var supervisor = await queries.CountAsync(await SignInAsync("supervisor"));
        Assert.NotEqual(office, supervisor);

        var cut = Render<NotificationBell>();

        cut.WaitForAssertion(() => Assert.Equal($"通知,{supervisor} 条待处理", cut.Find("button.rt-bell-button").GetAttribute("aria-label")));
        if (supervisor == 0)
        {
            Assert.Empty(cut.FindAll("[data-testid=bell-count]"));
        }
    }
}
