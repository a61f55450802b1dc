using RectificationTracker.BrowserTests.Infrastructure;
using RectificationTracker.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace RectificationTracker.BrowserTests.Journeys;

[Collection(RunningApp.Name)]
public sealed class FeedbackIntakeTests(AppFixture app)
{
    [Fact]
    public async Task Office_pastes_seed_003_into_a_new_round_confirms_and_sees_14_problems()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync("office", "tracker2026");
            var newRound = new NewRoundPage(page);
            await newRound.GotoAsync();
            var round = await newRound.CreateAsync("县检察院巡察“回头看”整改(导入)", "县委第一巡察组", "江城市人民检察院", "2026-05-10", "2026-08-10");

            var intake = await round.OpenIntakeAsync();
            await intake.PasteAndReadAsync(SeedDocument003());
            await Expect(intake.Summary).ToContainTextAsync("5 个方面、14 个问题");
            await Expect(intake.Problems).ToHaveCountAsync(14);
            await Expect(intake.ProblemTitle(14)).ToHaveValueAsync("财务支出存在不规范现象");
            await intake.ScreenshotAsync("intake-preview.png");

            round = await intake.ConfirmAsync();
            await Expect(round.ProblemCount).ToHaveTextAsync("14");
            await Expect(round.ProblemTitles).ToHaveCountAsync(14);
            await Expect(round.ProblemTitles.Nth(13)).ToContainTextAsync("14. 财务支出存在不规范现象");
            await Expect(round.AspectTitles.Nth(4)).ToHaveTextAsync("(五)财务支出不规范");

            // The same document again is refused with a clear message.
            intake = await round.OpenIntakeAsync();
            await intake.PasteAndReadAsync(SeedDocument003());
            await Expect(intake.Alert("该反馈意见已导入过本轮次,不能重复导入")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_long_paste_is_read_and_one_over_the_limit_is_refused_with_a_message_on_a_live_connection()
    {
        var page = await app.NewPageAsync();
        try
        {
            await new LoginPage(page).LoginAsync("office", "tracker2026");
            var newRound = new NewRoundPage(page);
            await newRound.GotoAsync();
            var round = await newRound.CreateAsync("长文本粘贴", "县委第一巡察组", "江城市人民检察院", "2026-05-10", "2026-08-10");
            var intake = await round.OpenIntakeAsync();

            // One character over the limit: refused with a message, and the page stays connected.
            await intake.PasteAndReadAsync(new string('字', 200_001));
            await Expect(intake.Alert("反馈意见内容过长")).ToBeVisibleAsync();

            // Seed 004 is 38 KB, more than SignalR's default 32 KB message: it reaches the parser and is previewed.
            await intake.PasteAndReadAsync(SeedDocument("004_91e66d2312f9b332.txt"));
            await Expect(intake.Summary).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string SeedDocument(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "..", "shared", "seeds", name));
    }

    /// <summary>The seed documents live in ../shared/seeds beside the repository, locally and in CI.</summary>
    private static string SeedDocument003()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "..", "shared", "seeds", "003_a7e788a71b64a196.txt"));
    }
}
