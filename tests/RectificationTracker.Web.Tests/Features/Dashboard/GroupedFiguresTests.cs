using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Metrics;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Dashboard;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Features.Dashboard;

/// <summary>
/// Issue 14: today's dashboard is counted in SQL (<see cref="CampaignCountsQuery"/>) instead of from one fact per
/// task. On a campaign with every state, light and category, for several users, filters and dates, it must give
/// exactly the figures the per-fact path gives (<see cref="CampaignMetrics.Compute(IReadOnlyList{TaskFact}, DateOnly)"/>
/// over <see cref="DashboardQueries.FactsAsync"/>, which the bulletin and the as-of dashboard still use); and the
/// SQL light band must be the domain's light on every boundary date.
/// </summary>
[Collection(FiguresWorldGroup.Name)]
public sealed class GroupedFiguresTests(FiguresWorld app)
{
    // Every field of the figures, decimals by value (a sum in SQL may drop trailing zeros: 18.50 = 18.5).
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new DecimalByValue() } };

    public static TheoryData<string, int> UsersAndDays()
    {
        var data = new TheoryData<string, int>();
        foreach (var user in new[] { "office", "supervisor", "unit", "leader", "countyoffice", "county" })
        {
            foreach (var offset in new[] { -21, -8, 0, 7, 30 })
            {
                data.Add(user, offset);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UsersAndDays))]
    public async Task Counted_in_sql_the_figures_are_those_of_the_facts(string user, int daysFromBase)
    {
        await app.EnsureCampaignAsync();
        app.SetToday(FiguresWorld.Base.AddDays(daysFromBase));
        var actor = await app.ActorAsync(user);
        var county = await Accounts.UnitIdAsync(app, "东岭县人民检察院");
        var leader = await app.ActorAsync("leader2");
        DashboardFilter[] filters =
        [
            new(),
            new() { Category = TaskCategory.Deadline, DeadlineFrom = FiguresWorld.Base.AddDays(-10) },
            new() { UnitId = county },
            new() { LeadLeaderId = leader.UserId },
            new() { Category = TaskCategory.LongTerm },
        ];

        foreach (var filter in filters)
        {
            var (grouped, perFact) = await BothAsync(actor, filter);

            Assert.Equal(perFact.Date, grouped.Date);
            Assert.False(grouped.IsAsOf);
            Assert.Equal(perFact.RoundCount, grouped.RoundCount);
            Assert.Equal(JsonSerializer.Serialize(perFact.Figures, Json), JsonSerializer.Serialize(grouped.Figures, Json));
        }
    }

    [Fact]
    public async Task The_campaign_exercises_every_figure()
    {
        await app.EnsureCampaignAsync();
        app.SetToday(FiguresWorld.Base);
        var (grouped, _) = await BothAsync(await app.ActorAsync("office"), new DashboardFilter());
        var f = grouped.Figures;

        Assert.All(Enum.GetValues<TaskState>(), s => Assert.True(f.ByState[s] > 0, s.ToString()));
        Assert.True(f.Overdue > 0 && f.AtRisk > 0 && f.ClosedLate > 0 && f.OnTime.Numerator > 0);
        Assert.True(f.Reopened > 0 && f.LongTerm.Numerator > 0);
        Assert.True(f.ProblemCompletion.Numerator > 0 && f.ProblemCompletion.Numerator < f.ProblemCompletion.Denominator);
        Assert.True(f.Outcome.FundsRecoveredWan > 0 && f.Outcome.RulesMade > 0 && f.Outcome.RulesRevised > 0 && f.Outcome.PeopleHeldAccountable > 0);
        Assert.True(f.ByUnit.Count >= 3 && f.ByLeader.Count >= 3 && f.ByAspect.Count >= 3 && f.Trend.Count > 3);
        Assert.True(f.ByUnit.Sum(u => u.Total) < f.Total, "tasks without a unit are in no unit's row");
        Assert.Contains(f.ByUnit, u => f.ByUnit.Count(v => v.Rank == u.Rank) > 1); // a tie shares a place
        Assert.True(f.RedListTotal > DashboardQueries.RedListWithText, "the red list is cut to the rows shown");
        Assert.Equal(DashboardQueries.RedListWithText, f.RedList.Count);
        Assert.Equal(f.Overdue + f.AtRisk, f.RedListTotal);

        // Among long-term tasks: red and yellow lights, yellow ones with and without a deadline, in the list shown.
        var (early, _) = await BothAsync(await app.ActorAsync("office"), new DashboardFilter { Category = TaskCategory.LongTerm });
        Assert.Contains(early.Figures.RedList, r => r.Light == TaskLight.Yellow && r.Task.Deadline is null);
        Assert.Contains(early.Figures.RedList, r => r.Light == TaskLight.Yellow && r.DaysLeft is not null);
        Assert.Contains(early.Figures.RedList, r => r.Light == TaskLight.Red);
    }

    [Fact]
    public async Task The_sql_light_band_is_the_domain_s_light_on_every_boundary_date()
    {
        await app.EnsureCampaignAsync();
        var clock = app.Clock;
        var boundaries = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await app.Db.CreateDbContextAsync();
        for (var today = FiguresWorld.Base.AddDays(-45); today <= FiguresWorld.Base.AddDays(25); today = today.AddDays(1))
        {
            var band = LightBand.Rule(today, clock.StartOfLocalDayUtc);
            var rows = await db.Tasks.AsNoTracking()
                .Select(LightBand.Inline(t => new { t.Id, t.State, t.Deadline, t.LastProgressAtUtc, Band = LightBand.Of(t) }, today, clock.StartOfLocalDayUtc))
                .ToListAsync();
            var direct = await db.Tasks.AsNoTracking().OrderBy(t => t.Id).Select(band).ToListAsync();
            Assert.Equal(rows.OrderBy(r => r.Id).Select(r => r.Band), direct);
            foreach (var r in rows)
            {
                var last = r.LastProgressAtUtc is { } lp ? clock.LocalDate(lp) : (DateOnly?)null;
                var expected = TaskLights.Compute(r.State, r.Deadline, last, today);
                Assert.True((int)expected == r.Band, $"task {r.Id} ({r.State}, deadline {r.Deadline}, last {r.LastProgressAtUtc:O}) on {today}: {expected} expected, SQL {(TaskLight)r.Band}");
                if (TaskLights.IsOpen(r.State))
                {
                    var d = r.Deadline?.DayNumber - today.DayNumber;
                    boundaries.Add(d switch { -1 => "due yesterday", 0 => "due today", 7 => "due in 7", 8 => "due in 8", _ => "" });
                    if (r.State == TaskState.InProgress && last is { } l)
                    {
                        var hour = clock.ToLocal(r.LastProgressAtUtc!.Value).Hour;
                        boundaries.Add((today.DayNumber - l.DayNumber) switch { 14 => $"last 14 days ago at {hour}", 13 => $"last 13 days ago at {hour}", _ => "" });
                    }
                }
            }
        }

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "due yesterday", "due today", "due in 7", "due in 8",
            "last 14 days ago at 0", "last 14 days ago at 23", "last 13 days ago at 0", "last 13 days ago at 23",
        }, boundaries);
    }

    private async Task<(DashboardResult Grouped, DashboardResult PerFact)> BothAsync(Domain.Organisation.Actor actor, DashboardFilter filter)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var today = app.Clock.Today;
        var grouped = await dashboard.FiguresAsync(actor, filter);
        var facts = await dashboard.FactsAsync(actor, filter);
        var figures = CampaignMetrics.Compute(facts, today);
        figures = figures with { RedList = figures.RedList.Take(DashboardQueries.RedListWithText).ToList() };
        var perFact = new DashboardResult(figures, today, false, grouped.FocusUnitName, facts.Select(x => x.RoundId).Distinct().Count());
        return (grouped, perFact);
    }

    private sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
    }
}
