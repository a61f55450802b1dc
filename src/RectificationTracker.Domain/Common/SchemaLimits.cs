namespace RectificationTracker.Domain.Common;

/// <summary>Column lengths, shared by the EF configurations and the validators.</summary>
public static class SchemaLimits
{
    public const int NameLength = 100;
    public const int ShortTextLength = 200;
    public const int TitleLength = 500;
    public const int LongTextLength = 20_000;
    public const int ReasonLength = 2_000;
    public const int FileNameLength = 255;
    public const int UserIdLength = 64;
    public const int HashLength = 64;
    public const int UnitPathLength = 400;
}
