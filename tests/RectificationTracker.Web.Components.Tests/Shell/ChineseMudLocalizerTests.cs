using System.Collections;
using System.Globalization;
using System.Resources;
using MudBlazor;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Infrastructure.Ui;

namespace RectificationTracker.Web.Components.Tests.Shell;

public sealed class ChineseMudLocalizerTests : MudTestContext
{
    [Fact]
    public void Every_string_MudBlazor_ships_has_a_Chinese_text()
    {
        var english = EnglishTexts();
        Assert.NotEmpty(english);
        var missing = english.Keys.Where(k => !ChineseMudLocalizer.Texts.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "MudBlazor strings without Chinese: " + string.Join(", ", missing));
        // Placeholders survive translation, so MudBlazor's string.Format calls get their arguments.
        foreach (var (key, text) in english)
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(text.Contains($"{{{i}}}", StringComparison.Ordinal), ChineseMudLocalizer.Texts[key].Contains($"{{{i}}}", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void A_data_grid_pager_speaks_Chinese()
    {
        var rows = Enumerable.Range(1, 30).Select(i => new Row(i)).ToList();
        var grid = Render<MudDataGrid<Row>>(p => p
            .Add(g => g.Items, rows)
            .Add(g => g.PagerContent, b =>
            {
                b.OpenComponent<MudDataGridPager<Row>>(0);
                b.CloseComponent();
            }));

        Assert.Contains("每页行数", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("共 30 条", grid.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", grid.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", grid.Markup, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> EnglishTexts()
    {
        var assembly = typeof(MudDataGrid<>).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new ResourceReader(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in reader)
        {
            texts[(string)entry.Key] = (string)entry.Value!;
        }

        return texts;
    }

    public sealed record Row(int Id);
}
