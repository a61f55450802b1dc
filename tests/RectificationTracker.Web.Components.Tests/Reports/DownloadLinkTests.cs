using Microsoft.AspNetCore.Components;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Reports;

namespace RectificationTracker.Web.Components.Tests.Reports;

public sealed class DownloadLinkTests : MudTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private const string Url = "/reports/bulletin.pdf?round=1";

    [Fact]
    public void Without_a_circuit_it_is_a_plain_link_to_the_file()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var link = Render<DownloadLink>(p => p.Add(x => x.Href, Url).Add(x => x.Text, "下载PDF"));

        var a = link.Find("a");
        Assert.Equal(Url, a.GetAttribute("href"));
        Assert.Equal("下载PDF", a.TextContent.Trim());
    }

    [Fact]
    public void A_click_shows_progress_while_the_file_is_made_and_nothing_once_it_is_saved()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var module = JSInterop.SetupModule("/js/download.js");
        var download = module.Setup<DownloadLink.DownloadResult>("download", _ => true);
        var link = Render<DownloadLink>(p => p.Add(x => x.Href, Url).Add(x => x.Text, "下载PDF"));

        link.Find("a").Click();

        link.WaitForAssertion(() => Assert.Equal("true", link.Find("a").GetAttribute("aria-busy")), Wait);
        Assert.Contains("正在生成", link.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(link.FindAll(".mud-progress-circular"));

        download.SetResult(new DownloadLink.DownloadResult(true, 200, "整改进展情况通报.pdf"));

        link.WaitForAssertion(() => Assert.Equal("false", link.Find("a").GetAttribute("aria-busy")), Wait);
        Assert.Empty(link.FindAll("[role=status]"));
        Assert.Empty(link.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_refused_download_says_why_in_Chinese()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var module = JSInterop.SetupModule("/js/download.js");
        module.Setup<DownloadLink.DownloadResult>("download", _ => true)
            .SetResult(new DownloadLink.DownloadResult(false, 403, ""));
        var link = Render<DownloadLink>(p => p.Add(x => x.Href, Url).Add(x => x.Text, "下载PDF"));

        link.Find("a").Click();

        link.WaitForAssertion(() => Assert.Equal("下载失败:您无权下载该文件。", link.Find("[role=alert]").TextContent.Trim()), Wait);
    }
}
