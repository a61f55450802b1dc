using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Domain.Tasks;
using RectificationTracker.Web.Features.Tasks;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Components.Tests.Infrastructure;

/// <summary>
/// A bunit context whose components get the seeded app's real handlers and queries (a fallback service
/// provider) and run as a signed-in demo user. By default in the read-only <see cref="SeededAppGroup"/>; a class
/// that changes data says <c>[Collection(ChangingDataGroup.Name)]</c> and gets that group's own app.
/// </summary>
[Collection(SeededAppGroup.Name)]
public abstract class AppComponentTest : MudTestContext
{
    private readonly AsyncServiceScope _scope;
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    protected AppComponentTest(SeededApp app)
    {
        App = app ?? throw new ArgumentNullException(nameof(app));
        _scope = app.Services.CreateAsyncScope();
        Services.AddScoped<AuthenticationStateProvider>(_ => new FixedAuthentication(() => _principal));
        // Built here (constructor arguments are not looked up in the fallback provider).
        Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<AuthenticationStateProvider>(),
            _scope.ServiceProvider.GetRequiredService<ActorResolver>()));
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);
        // Components that look services up through an injected IServiceProvider (FluentValidator finds the form's
        // validator so) get bunit's inner container, which has no fallback: forward every validator to the app's.
        foreach (var validator in AssemblyScanner.FindValidatorsInAssembly(typeof(RectificationTracker.Web.Components.App).Assembly, includeInternalTypes: true))
        {
            Services.AddTransient(validator.InterfaceType, _ => _scope.ServiceProvider.GetRequiredService(validator.InterfaceType));
        }
    }

    protected SeededApp App { get; }

    /// <summary>Signs in as a demo user and returns the domain's view of them.</summary>
    protected async Task<Actor> SignInAsync(string userName)
    {
        _principal = await App.PrincipalAsync(userName);
        return await _scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(_principal);
    }

    /// <summary>The task page's view of <paramref name="taskId"/> for <paramref name="actor"/> (what the page hands its components).</summary>
    protected async Task<TaskDetail> DetailAsync(Actor actor, int taskId) =>
        await _scope.ServiceProvider.GetRequiredService<TaskQueries>().DetailAsync(actor, taskId)
        ?? throw new InvalidOperationException($"task {taskId} is not visible to {actor.Name}");

    /// <summary>
    /// The <paramref name="skip"/>-th demo task in <paramref name="state"/> that one of <paramref name="users"/>
    /// sees and for which <paramref name="fits"/> holds; that user is signed in.
    /// </summary>
    protected async Task<(Actor Actor, TaskDetail Detail)> DemoTaskAsync(TaskState state, string[] users, Func<Actor, TaskDetail, bool> fits, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(fits);
        var ids = await TaskIdsInAsync(state, int.MaxValue);
        foreach (var user in users)
        {
            var actor = await SignInAsync(user);
            foreach (var id in ids)
            {
                if (await _scope.ServiceProvider.GetRequiredService<TaskQueries>().DetailAsync(actor, id) is { } d && fits(actor, d) && skip-- == 0)
                {
                    return (actor, d);
                }
            }
        }

        throw new InvalidOperationException($"the demo data has too few {state} tasks of this kind for {string.Join("/", users)}");
    }

    protected async Task<List<int>> TaskIdsInAsync(TaskState state, int count)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.State == state).OrderBy(t => t.Id).Select(t => t.Id).Take(count).ToListAsync();
    }

    protected async Task<TaskState> StateOfAsync(int taskId)
    {
        await using var db = await App.Db.CreateDbContextAsync();
        return await db.Tasks.Where(t => t.Id == taskId).Select(t => t.State).SingleAsync();
    }

    /// <summary>Waits (up to 5 s) for the handler a click started to commit <paramref name="expected"/>.</summary>
    protected async Task WaitForStateAsync(int taskId, TaskState expected)
    {
        for (var i = 0; i < 100 && await StateOfAsync(taskId) != expected; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(expected, await StateOfAsync(taskId));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _scope.DisposeAsync();
    }

    private sealed class FixedAuthentication(Func<ClaimsPrincipal> principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal()));
    }
}
