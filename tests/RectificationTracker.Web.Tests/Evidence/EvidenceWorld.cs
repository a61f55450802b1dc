using Microsoft.EntityFrameworkCore;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Features.Common;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Tests.Evidence;

/// <summary>
/// One test's world: its own data folder, a migrated SQLite database with a small organisation
/// (a city procuratorate, its 第一检察部, and 西河县人民检察院), the people of it as actors, and the
/// evidence services built directly over them. Upload limit 1 MB so the limit is cheap to hit.
/// </summary>
internal sealed class EvidenceWorld : IAsyncDisposable
{
    public const long MaxUploadBytes = 1024 * 1024;

    private readonly TempFolder _folder = new();

    private EvidenceWorld()
    {
        var options = TestOptions.For(_folder.Path, MaxUploadBytes);
        Options = options.Value;
        Db = new TestDbFactory(Options.DatabasePath);
        Time = new TestTime(new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        Store = new EvidenceStore(options, new ListLogger<EvidenceStore>());
        var clock = new Clock(Time, options);
        Denied = new DeniedAttempts(Db, clock, new ListLogger<DeniedAttempts>());
        Service = new EvidenceService(Db, Store, clock, new ScopedAccess(Denied, AccessLog), Log);
    }

    public TrackerOptions Options { get; }

    public IDbContextFactory<TrackerDbContext> Db { get; }

    public TestTime Time { get; }

    public DateTime NowUtc => Time.GetUtcNow().UtcDateTime;

    public EvidenceStore Store { get; }

    public EvidenceService Service { get; }

    public ListLogger<EvidenceService> Log { get; } = new();

    /// <summary>Refusals are logged by the one scoped-access service.</summary>
    public ListLogger<ScopedAccess> AccessLog { get; } = new();

    /// <summary>Refusals are counted per user and minute and written when the minute is over.</summary>
    public DeniedAttempts Denied { get; }

    /// <summary>The verified history once the refusals counted so far are written.</summary>
    public async Task<List<Domain.History.HistoryEntry>> HistoryWithDeniedAttemptsAsync()
    {
        await Denied.FlushAsync(all: true);
        return await EvidenceTaskSteps.VerifiedHistoryAsync(Db);
    }

    public Actor Office { get; private set; } = null!;

    public Actor Leader { get; private set; } = null!;

    /// <summary>A user of the responsible department (第一检察部).</summary>
    public Actor Owner { get; private set; } = null!;

    /// <summary>Another user of the responsible department.</summary>
    public Actor OwnerColleague { get; private set; } = null!;

    /// <summary>A user of 西河县人民检察院: no business with the city's tasks.</summary>
    public Actor WestCounty { get; private set; } = null!;

    public int RootUnitId { get; private set; }

    public int DepartmentUnitId { get; private set; }

    public static async Task<EvidenceWorld> CreateAsync()
    {
        var world = new EvidenceWorld();
        await world.InitialiseAsync();
        return world;
    }

    /// <summary>An assigned (整改中) task of the city's round, owned by 第一检察部.</summary>
    public Task<int> CreateTaskAsync(bool assign = true) =>
        EvidenceTaskSteps.CreateAssignedTaskAsync(Db, RootUnitId, DepartmentUnitId, Office, Leader, NowUtc, assign);

    public async Task<int> EvidenceRowCountAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.EvidenceFiles.CountAsync();
    }

    /// <summary>Every file under the store's folder, temporary ones included.</summary>
    public string[] FilesOnDisk() =>
        Directory.Exists(Store.RootDirectory)
            ? Directory.GetFiles(Store.RootDirectory, "*", SearchOption.AllDirectories)
            : [];

    public async ValueTask DisposeAsync()
    {
        await Denied.DisposeAsync();
        _folder.Dispose();
    }

    private async Task InitialiseAsync()
    {
        await using (var db = await Db.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            var root = await AddUnitAsync(db, "江城市人民检察院", null, UnitKind.Organisation);
            var department = await AddUnitAsync(db, "第一检察部", root, UnitKind.Department);
            var west = await AddUnitAsync(db, "西河县人民检察院", root, UnitKind.Organisation);
            RootUnitId = root.Id;
            DepartmentUnitId = department.Id;
            Office = Person("office-1", "张敏", root, Role.Office);
            Leader = Person("leader-1", "李建国", root, Role.Leader);
            Owner = Person("unit-1", "陈晓", department, Role.Unit);
            OwnerColleague = Person("unit-2", "王芳", department, Role.Unit);
            WestCounty = Person("west-1", "林峰", west, Role.Unit);
        }
    }

    private static Actor Person(string id, string name, OrgUnit unit, Role role) =>
        new(id, name, new HashSet<Role> { role }, unit.Id, unit.Path);

    private static async Task<OrgUnit> AddUnitAsync(TrackerDbContext db, string name, OrgUnit? parent, UnitKind kind)
    {
        var unit = new OrgUnit { Name = name, ParentId = parent?.Id, Kind = kind };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.RebuildPath(parent);
        await db.SaveChangesAsync();
        return unit;
    }
}
