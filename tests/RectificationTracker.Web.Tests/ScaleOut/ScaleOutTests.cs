using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Cli;
using RectificationTracker.Web.Data;
using RectificationTracker.Web.Data.Seed;
using RectificationTracker.Web.Features.Evidence;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;
using RectificationTracker.Web.Tests.Evidence;
using RectificationTracker.Web.Tests.Infrastructure;

namespace RectificationTracker.Web.Tests.ScaleOut;

/// <summary>
/// Two app instances on one PostgreSQL database behind Debian's nginx, configured by the exact file the docs
/// give (docs/deploy/nginx-tracker.conf). Each instance is a whole app host of its own (own services, key ring
/// cache, caches, hosted services) listening on its own loopback port with Kestrel. For a minute, handlers of
/// both instances upload evidence, report progress, apply for closure and return applications at the same
/// time, while signed-in clients download ledgers (each download is a history record) through nginx. Then:
/// the history chain verifies, every acknowledged write is in the database, evidence is readable from both.
/// Always on PostgreSQL (two instances on one SQLite file are not a supported deployment).
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string NginxSite = Path.Combine(RepositoryRoot(), "docs", "deploy", "nginx-tracker.conf");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-scaleout-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _db = null!;
    private Instance _a = null!;
    private Instance _b = null!;
    private Process? _nginx;
    private int _nginxPort;

    private static TimeSpan LoadTime => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("TRACKER_SCALEOUT_SECONDS"), out var s) ? s : 60);

    private Uri Proxy => new($"http://127.0.0.1:{_nginxPort}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _db = TestDatabase.Create(Path.Combine(_folder, "data"), DatabaseProvider.Postgres);
        var ports = FreePorts(3);
        // The first instance migrates and seeds (and makes the shared data-protection key); the second finds it done.
        _a = new Instance(_db, ports[0], _folder);
        _a.StartServer();
        _b = new Instance(_db, ports[1], _folder);
        _b.StartServer();
        _nginxPort = ports[2];
        _nginx = await StartNginxAsync(ports[0], ports[1], _nginxPort);
    }

    [Fact]
    public async Task Two_instances_behind_nginx_share_sessions_data_evidence_and_one_history_chain()
    {
        // Sessions: a sign-in through nginx is valid on both instances (the key ring is in the database).
        var office = NewClient();
        await SignInAsync(office, "office");
        foreach (var instance in new[] { _a, _b })
        {
            using var home = await office.GetAsync(new Uri(instance.BaseAddress, "/"));
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // /healthz for an administrator names the provider and the server's version.
        var admin = NewClient();
        await SignInAsync(admin, "admin", Instance.AdminPassword);
        var health = await admin.GetStringAsync(new Uri(Proxy, "/healthz"));
        Assert.Contains("\"provider\": \"Postgres\"", health, StringComparison.Ordinal);
        Assert.Contains("\"serverVersion\": \"15", health, StringComparison.Ordinal);

        // A change made through A is visible through B.
        var tasks = await WorkTasksAsync(4);
        var marker = "经实例A报送的进展 " + Guid.NewGuid().ToString("N")[..8];
        var progress = await _a.WithAsync<TaskWorkflowService, Web.Features.Common.Result>(s =>
            s.ReportProgressAsync(tasks[0].Owner(_a), new ProgressCommand { TaskId = tasks[0].TaskId, Text = marker }));
        Assert.True(progress.Succeeded, progress.Message);
        var pageOnB = WebUtility.HtmlDecode(await office.GetStringAsync(new Uri(_b.BaseAddress, $"/tasks/{tasks[0].TaskId}")));
        Assert.Contains(marker, pageOnB, StringComparison.Ordinal);

        // A minute of concurrent writes through both instances.
        var acks = new Acks();
        using var stop = new CancellationTokenSource(LoadTime);
        var workers = new List<Task>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var (mine, other) = i % 2 == 0 ? (_a, _b) : (_b, _a);
            workers.Add(HandlerWorkerAsync(mine, other, tasks[i], i, acks, stop.Token));
        }

        var clients = new List<HttpClient>();
        for (var i = 0; i < 12; i++)
        {
            var client = NewClient();
            await SignInAsync(client, "office");
            clients.Add(client);
        }

        workers.AddRange(clients.Select((c, i) => HttpWorkerAsync(c, acks, stop.Token)));
        await Task.WhenAll(workers);

        Assert.Empty(acks.Errors);
        Assert.True(acks.Uploads.Count >= 4, $"only {acks.Uploads.Count} uploads were acknowledged");
        Assert.True(acks.Applications >= 2 && acks.Returns >= 2, $"{acks.Applications} applications, {acks.Returns} returns");
        Assert.True(acks.Downloads >= 12, $"only {acks.Downloads} downloads");
        // nginx spread the clients over both instances and kept each client on one of them.
        Assert.Equal(2, acks.Upstreams.Values.Distinct().Count());
        Assert.All(acks.Upstreams.Keys, c => Assert.Single(acks.UpstreamsSeenBy(c)));

        // Every acknowledged write is there, the history chain is one intact line.
        await using (var db = _db.CreateContext())
        {
            var taskIds = tasks.Select(t => t.TaskId).ToList();
            var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => taskIds.Contains(e.TaskId)).ToDictionaryAsync(e => e.Id, e => e.Sha256);
            Assert.All(acks.Uploads, u => Assert.Equal(u.Value.Sha256, evidence[u.Key]));
            var texts = await db.ProgressUpdates.AsNoTracking().Where(p => taskIds.Contains(p.TaskId)).Select(p => p.Text).ToListAsync();
            Assert.All(acks.Progress, t => Assert.Contains(t, texts));
            var since = acks.StartedUtc;
            Assert.Equal(acks.Applications, await db.History.CountAsync(h => h.TaskId != null && taskIds.Contains(h.TaskId.Value)
                && h.Action == nameof(TaskAction.ApplyForClosure) && h.AtUtc >= since));
            Assert.Equal(acks.Returns, await db.History.CountAsync(h => h.TaskId != null && taskIds.Contains(h.TaskId.Value)
                && h.Action == nameof(TaskAction.ReturnFromReview) && h.AtUtc >= since));
            var downloads = await db.History.CountAsync(h => h.Action == "Download" && h.EntityType == "Report" && h.AtUtc >= since);
            Assert.True(downloads >= acks.Downloads, $"{acks.Downloads} ledger downloads acknowledged, {downloads} recorded");
        }

        var anchorsOfA = Path.Combine(_folder, $"instance-{_a.BaseAddress.Port}", "history-anchors.log");
        Assert.True(File.Exists(anchorsOfA));
        Assert.Equal(0, await OperatorCommands.RunAsync(["verify-history", .. _db.CommandSettings, "--Tracker:HistoryAnchorFile=" + anchorsOfA]));
        output.WriteLine($"{LoadTime.TotalSeconds:0} s: {acks.Uploads.Count} uploads, {acks.Progress.Count} progress reports, "
            + $"{acks.Applications} applications, {acks.Returns} returns, {acks.Downloads} ledger downloads through nginx "
            + $"({string.Join(", ", acks.Upstreams.Values.Distinct())})");

        // Evidence uploaded through either instance is readable, byte for byte, from both.
        var owner = NewClient();
        await SignInAsync(owner, tasks[0].OwnerUserName);
        foreach (var (id, upload) in acks.Uploads.Where(u => u.Value.TaskId == tasks[0].TaskId).Take(6))
        {
            foreach (var instance in new[] { _a, _b })
            {
                var bytes = await owner.GetByteArrayAsync(new Uri(instance.BaseAddress, $"/files/evidence/{id}"));
                Assert.Equal(upload.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
        }
    }

    /// <summary>Upload, report progress, and every third round apply for closure (through this instance) and have
    /// the office return it (through the other): each acknowledged result is remembered.</summary>
    private static async Task HandlerWorkerAsync(Instance mine, Instance other, WorkTask task, int worker, Acks acks, CancellationToken stop)
    {
        var round = 0;
        var pending = new List<int>();
        while (!stop.IsCancellationRequested)
        {
            round++;
            try
            {
                var bytes = SampleFiles.Pdf($"worker {worker} round {round} {Guid.NewGuid():N}");
                var upload = await mine.WithAsync<EvidenceService, Web.Features.Common.Result<EvidenceFileInfo>>(s =>
                    s.UploadAsync(task.Owner(mine), task.TaskId, new MemoryStream(bytes), $"整改材料{worker}-{round}.pdf"));
                if (upload.Succeeded)
                {
                    acks.Uploads[upload.Value!.Id] = (task.TaskId, Convert.ToHexStringLower(SHA256.HashData(bytes)));
                    pending.Add(upload.Value.Id);
                }

                var text = $"进展 {worker}-{round}-{Guid.NewGuid():N}";
                var progress = await mine.WithAsync<TaskWorkflowService, Web.Features.Common.Result>(s =>
                    s.ReportProgressAsync(task.Owner(mine), new ProgressCommand { TaskId = task.TaskId, Text = text }));
                if (progress.Succeeded)
                {
                    acks.Progress.Add(text);
                }

                if (round % 3 == 0 && pending.Count > 0)
                {
                    var version = await mine.VersionAsync(task.TaskId);
                    var apply = await mine.WithAsync<TaskWorkflowService, Web.Features.Common.Result>(s => s.ApplyForClosureAsync(task.Owner(mine),
                        new ApplyForClosureCommand { TaskId = task.TaskId, Version = version, Summary = $"第 {round} 轮整改完成", EvidenceIds = [.. pending] }));
                    if (apply.Succeeded)
                    {
                        Interlocked.Increment(ref acks.Applications);
                        pending.Clear();
                        var applied = await other.VersionAsync(task.TaskId);
                        var back = await other.WithAsync<TaskWorkflowService, Web.Features.Common.Result>(s => s.DecideAsync(task.Office(other),
                            new DecisionCommand { TaskId = task.TaskId, Version = applied, Action = TaskAction.ReturnFromReview, Comment = "材料不全,请补充" }));
                        if (back.Succeeded)
                        {
                            Interlocked.Increment(ref acks.Returns);
                        }
                        else
                        {
                            acks.Errors.Add("退回失败:" + back.Message);
                        }
                    }
                    else
                    {
                        acks.Errors.Add("申请销号失败:" + apply.Message);
                    }
                }
            }
#pragma warning disable CA1031 // every failure is collected and fails the test with its message
            catch (Exception ex)
#pragma warning restore CA1031
            {
                acks.Errors.Add(ex.ToString());
            }
        }
    }

    /// <summary>A signed-in office client through nginx: ledger workbook downloads (each recorded in the history).</summary>
    private static async Task HttpWorkerAsync(HttpClient client, Acks acks, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/reports/ledger.xlsx", UriKind.Relative), CancellationToken.None);
                var upstream = response.Headers.TryGetValues("X-Tracker-Upstream", out var values) ? values.Single() : "";
                acks.Upstreams.AddOrUpdate(client, upstream, (_, seen) => seen == upstream ? seen : seen + " " + upstream);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsByteArrayAsync(CancellationToken.None)).Length > 0)
                {
                    Interlocked.Increment(ref acks.Downloads);
                }
                else
                {
                    acks.Errors.Add($"台账下载失败:{(int)response.StatusCode}");
                }
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                acks.Errors.Add(ex.ToString());
            }
        }
    }

    /// <summary>Tasks in 整改中 of the city's rounds whose responsible unit has a demo unit account, one per worker.</summary>
    private async Task<List<WorkTask>> WorkTasksAsync(int count)
    {
        await using var scope = _a.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owners = new Dictionary<int, string>();
        foreach (var account in DemoOrganisation.Accounts.Where(a => a.Roles is [Role.Unit]))
        {
            var user = await users.FindByNameAsync(account.UserName);
            owners.TryAdd(user!.UnitId, account.UserName);
        }

        var officeUnit = (await users.FindByNameAsync("office"))!.UnitId;
        await using var db = _db.CreateContext();
        var found = await db.Tasks.AsNoTracking()
            .Where(t => t.State == TaskState.InProgress && owners.Keys.Contains(t.ResponsibleUnitId!.Value) && t.Round!.OfficeUnitId == officeUnit)
            .OrderBy(t => t.Id).Select(t => new { t.Id, Unit = t.ResponsibleUnitId!.Value }).Take(count).ToListAsync();
        Assert.Equal(count, found.Count);
        var result = new List<WorkTask>();
        foreach (var t in found)
        {
            result.Add(new WorkTask(t.Id, owners[t.Unit], await _a.ActorAsync(owners[t.Unit]), await _a.ActorAsync("office")));
        }

        return result;
    }

    private HttpClient NewClient()
    {
#pragma warning disable CA2000 // the client owns and disposes its handler
        var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = Proxy, Timeout = TimeSpan.FromMinutes(5) };
    }

    private static async Task SignInAsync(HttpClient client, string userName, string password = DemoOrganisation.DemoPassword)
    {
        var attempt = await FormLogin.PostAsync(client, userName, password);
        Assert.True(attempt.SignedIn, $"{userName}: {attempt.StatusCode} {attempt.ErrorMessage}");
    }

    /// <summary>nginx as the docs configure it, in the foreground, with its own prefix, pid and temp folders.</summary>
    private async Task<Process> StartNginxAsync(int portA, int portB, int listen)
    {
        var site = (await File.ReadAllTextAsync(NginxSite))
            .Replace("127.0.0.1:5001", $"127.0.0.1:{portA}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5002", $"127.0.0.1:{portB}", StringComparison.Ordinal)
            .Replace("listen 127.0.0.1:8080", $"listen 127.0.0.1:{listen}", StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{portB}", site, StringComparison.Ordinal);
        var prefix = Path.Combine(_folder, "nginx");
        Directory.CreateDirectory(prefix);
        var sitePath = Path.Combine(prefix, "tracker.conf");
        await File.WriteAllTextAsync(sitePath, site);
        var main = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            worker_processes 1;
            user root;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{sitePath}};
            }
            """);
        var nginx = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", prefix, "-c", main])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");
        using var probe = new HttpClient { BaseAddress = Proxy };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(20))
        {
            Assert.False(nginx.HasExited, "nginx exited: " + await nginx.StandardError.ReadToEndAsync());
            try
            {
                using var response = await probe.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return nginx;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("nginx did not answer on port " + listen);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill();
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        _db?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RectificationTracker.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>What the instances acknowledged; compared with the database afterwards.</summary>
    private sealed class Acks
    {
        public DateTime StartedUtc { get; } = DateTime.UtcNow.AddSeconds(-1);

        public ConcurrentDictionary<int, (int TaskId, string Sha256)> Uploads { get; } = new();

        public ConcurrentBag<string> Progress { get; } = [];

        public ConcurrentBag<string> Errors { get; } = [];

        public ConcurrentDictionary<HttpClient, string> Upstreams { get; } = new();

#pragma warning disable CA1051 // counters updated with Interlocked
        public int Applications;
        public int Returns;
        public int Downloads;
#pragma warning restore CA1051

        public string[] UpstreamsSeenBy(HttpClient client) => Upstreams[client].Split(' ');
    }

    private sealed record WorkTask(int TaskId, string OwnerUserName, Actor OwnerActor, Actor OfficeActor)
    {
        public Actor Owner(Instance _) => OwnerActor;

        public Actor Office(Instance _) => OfficeActor;
    }

    /// <summary>One app instance: the whole app on its own Kestrel port and data folder, on the shared database and evidence folder.</summary>
    private sealed class Instance : WebApplicationFactory<Program>
    {
        public const string AdminPassword = "scaleout-admin-2026";
        private readonly TestDatabase _db;
        private readonly int _port;
        private readonly string _root;

        public Instance(TestDatabase db, int port, string root)
        {
            _db = db;
            _port = port;
            _root = root;
            UseKestrel(port);
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in _db.HostSettings)
            {
                builder.UseSetting(key, value);
            }

            // Each instance has a data folder of its own (anchor file, nothing else on PostgreSQL); the evidence
            // folder is the one shared location (Tracker:EvidenceDirectory).
            builder.UseSetting("Tracker:DataDirectory", Path.Combine(_root, $"instance-{_port}"));
            builder.UseSetting("Tracker:EvidenceDirectory", Path.Combine(_root, "evidence"));
            builder.UseSetting("urls", BaseAddress.ToString());
            builder.UseSetting("Tracker:SeedDemoData", "true");
            builder.UseSetting("Tracker:AdminPassword", AdminPassword);
            builder.UseSetting("Tracker:Login:AttemptsPerMinute", "100000");
            builder.UseSetting("Tracker:Reports:WarmUpOnStart", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
            where TService : notnull
        {
            await using var scope = Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<TService>());
        }

        public async Task<long> VersionAsync(int taskId)
        {
            var factory = Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            return await db.Tasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
        }

        public async Task<Actor> ActorAsync(string userName)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("No user " + userName);
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(principal);
        }
    }
}
