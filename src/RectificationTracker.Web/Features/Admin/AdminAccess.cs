using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Web.Features.Admin;

/// <summary>
/// Every admin use case checks the acting user on the server; the pages' [Authorize] attribute is
/// only the first line.
/// </summary>
internal static class AdminAccess
{
    public const string Denied = "只有系统管理员可以执行此操作。";

    public static bool Allowed(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Role.Admin);
    }

    /// <summary>For queries, which return data rather than a result.</summary>
    public static void Demand(Actor actor)
    {
        if (!Allowed(actor))
        {
            throw new DomainException(Denied);
        }
    }
}
