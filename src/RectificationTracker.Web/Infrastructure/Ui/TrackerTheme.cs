using MudBlazor;

namespace RectificationTracker.Web.Infrastructure.Ui;

/// <summary>
/// The look of an official Chinese system, in one place: Party red as the primary colour, dense type in a
/// CJK sans face, small radii. Pages do not restyle MudBlazor components; they use this theme.
/// </summary>
public static class TrackerTheme
{
    public const string Red = "#b71c1c";

    private static readonly string[] Sans = ["Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Red,
            PrimaryDarken = "#8e1414",
            PrimaryLighten = "#d32f2f",
            Secondary = "#5d4037",
            Tertiary = "#c62828",
            Info = "#1565c0",
            Success = "#1b5e20", // AA on the tinted background of text chips (axe color-contrast)
            Warning = "#8a5300", // AA as text on white and on the chip tint; white text on it when filled
            WarningContrastText = "#ffffff",
            Error = "#c62828",
            AppbarBackground = Red,
            AppbarText = "#ffffff",
            Background = "#f7f5f3",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#3e2723",
            DrawerIcon = "#8e1414",
            TextPrimary = "#212121",
            TextSecondary = "#5f6368",
            TableLines = "#e0e0e0",
            TableStriped = "#faf7f5",
            TableHover = "#fdf0ee",
            LinesDefault = "#e0e0e0",
            ActionDefault = "#5f6368",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Sans, FontSize = ".875rem", LineHeight = "1.5", LetterSpacing = "normal" },
            H1 = new H1Typography { FontFamily = Sans, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            H2 = new H2Typography { FontFamily = Sans, FontSize = "1.3rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            H3 = new H3Typography { FontFamily = Sans, FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            H4 = new H4Typography { FontFamily = Sans, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            H5 = new H5Typography { FontFamily = Sans, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            H6 = new H6Typography { FontFamily = Sans, FontSize = ".95rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "normal" },
            Body1 = new Body1Typography { FontFamily = Sans, FontSize = ".875rem", LineHeight = "1.5", LetterSpacing = "normal" },
            Body2 = new Body2Typography { FontFamily = Sans, FontSize = ".8125rem", LineHeight = "1.45", LetterSpacing = "normal" },
            Button = new ButtonTypography { FontFamily = Sans, FontSize = ".875rem", FontWeight = "500", TextTransform = "none", LetterSpacing = "normal" },
            Caption = new CaptionTypography { FontFamily = Sans, FontSize = ".75rem", LetterSpacing = "normal" },
            Subtitle1 = new Subtitle1Typography { FontFamily = Sans, FontSize = ".9rem", FontWeight = "600", LetterSpacing = "normal" },
            Subtitle2 = new Subtitle2Typography { FontFamily = Sans, FontSize = ".85rem", FontWeight = "600", LetterSpacing = "normal" },
            Overline = new OverlineTypography { FontFamily = Sans, FontSize = ".75rem", LetterSpacing = "normal" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "3px",
            DrawerWidthLeft = "216px",
            AppbarHeight = "56px",
        },
    };
}
