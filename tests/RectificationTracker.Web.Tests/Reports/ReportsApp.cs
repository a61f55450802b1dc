using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Reports;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.Reports;

/// <summary>
/// The app over its own data folder with the demo campaigns, for the report tests (they add rounds of
/// their own, so they do not share the common fixture).
/// </summary>
public class ReportsApp : TrackerFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Tracker:Reports:WarmUpOnStart", "true");
    }

    /// <summary>Starts the app and waits for its report warm-up (which stamps reports and so anchors the chain's head).</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<ReportWarmUp>().Completed;
    }

    public Task<HttpClient> SignedInClientAsync(string userName) =>
        FormLogin.SignedInClientAsync(this, userName, DemoOrganisation.DemoPassword);

    public async Task<int> RoundIdAsync(string nameContains)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Rounds.Where(r => r.Name.Contains(nameContains)).Select(r => r.Id).SingleAsync();
    }

    public async Task<int> UnitIdAsync(string name)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    public async Task<List<HistoryEntry>> HistoryAsync()
    {
        await FlushDeniedAttemptsAsync();
        await using var db = await Db.CreateDbContextAsync();
        return await db.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
    }

    /// <summary>
    /// A round run by the city office with <paramref name="tasks"/> assigned tasks (one per problem) whose
    /// measures are "{tag}措施0001"…, all in 办公室, so a test knows exactly which rows a report must hold.
    /// </summary>
    public async Task<int> AddRoundAsync(string tag, int tasks)
    {
        await using var db = await Db.CreateDbContextAsync();
        var city = await db.Units.SingleAsync(u => u.Name == "江城市人民检察院");
        var office = await db.Units.SingleAsync(u => u.Name == "办公室");
        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var round = new InspectionRound
        {
            Name = tag + "专项巡察",
            Kind = RoundKind.Special,
            InspectingBody = "市委第三巡察组",
            OfficeUnitId = city.Id,
            FeedbackDate = new DateOnly(2026, 9, 1),
            RectificationDeadline = new DateOnly(2027, 3, 1),
            CreatedAtUtc = DateTime.UtcNow,
            CreatedById = leader.Id,
            InspectedUnits = [new RoundInspectedUnit { UnitId = city.Id }],
        };
        var aspect = new Aspect { Ordinal = 1, Title = tag + "方面" };
        round.Aspects.Add(aspect);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        aspect.RoundId = round.Id;
        for (var i = 1; i <= tasks; i++)
        {
            var problem = new Problem { RoundId = round.Id, Aspect = aspect, Number = i, Title = $"{tag}问题{i:0000}", Text = $"{tag}问题{i:0000}的具体表现" };
            db.Problems.Add(problem);
            db.Tasks.Add(new RectificationTask
            {
                RoundId = round.Id,
                Problem = problem,
                Number = 1,
                Measure = $"{tag}措施{i:0000}",
                Category = TaskCategory.Deadline,
                LeadLeaderId = leader.Id,
                LeadLeaderName = leader.DisplayName,
                ResponsibleUnitId = office.Id,
                ResponsiblePersonName = "孙丽",
                Deadline = new DateOnly(2027, 1, 15),
                CreatedAtUtc = DateTime.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        return round.Id;
    }
}

/// <summary>One app for the report tests.</summary>
[CollectionDefinition(Name)]
public sealed class ReportsFixture : ICollectionFixture<ReportsApp>
{
    public const string Name = "reports";
}
