namespace RectificationTracker.Domain.Organisation;

/// <summary>The five roles of the product. A user may hold several.</summary>
public enum Role
{
    Admin,
    Office,
    Unit,
    Leader,
    Supervisor,
}

public static class Roles
{
    // Identity role names are the stable English codes; the UI shows the Chinese names.
    public const string Admin = nameof(Role.Admin);
    public const string Office = nameof(Role.Office);
    public const string Unit = nameof(Role.Unit);
    public const string Leader = nameof(Role.Leader);
    public const string Supervisor = nameof(Role.Supervisor);

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string DisplayName(Role role) => role switch
    {
        Role.Admin => "系统管理员",
        Role.Office => "巡察办",
        Role.Unit => "责任单位",
        Role.Leader => "领导",
        Role.Supervisor => "督导",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string DisplayName(string code) =>
        Enum.TryParse<Role>(code, out var role) ? DisplayName(role) : code;
}
