using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Web.Components.Tests.Infrastructure;
using RectificationTracker.Web.Features.Dashboard;

namespace RectificationTracker.Web.Components.Tests.Dashboard;

public sealed class BoardPageTests(SeededApp app) : AppComponentTest(app)
{
    [Theory]
    [InlineData(BoardLanes.Unit, "")]
    [InlineData(BoardLanes.Leader, "?lanes=leader")]
    public async Task The_board_shows_one_lane_per_unit_or_leader_and_a_card_per_task(BoardLanes lanes, string query)
    {
        var actor = await SignInAsync("office");
        var board = (await Services.GetRequiredService<BoardQueries>().BoardAsync(actor, 1, lanes))!;
        Assert.NotEmpty(board.Layout.Lanes);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/rounds/1/board" + query);

        var cut = Render<BoardPage>(p => p.Add(x => x.RoundId, 1));

        var laneNames = cut.FindAll("[data-lane]").Select(l => l.GetAttribute("data-lane")).ToList();
        Assert.Equal(board.Layout.Lanes.Select(l => l.Name), laneNames);
        Assert.Equal(board.Figures.Total, cut.FindAll("a.rt-card[data-task]").Count);
        Assert.Equal(lanes == BoardLanes.Unit ? "责任单位" : "牵头领导", cut.Find(".rt-board-head").TextContent.Trim());
        foreach (var card in board.Layout.Lanes.SelectMany(l => l.Cells.Values.SelectMany(c => c)).Take(5))
        {
            Assert.Equal($"/tasks/{card.Task.TaskId}", cut.Find($"a.rt-card[data-task='{card.Task.TaskId}']").GetAttribute("href"));
        }
    }
}
