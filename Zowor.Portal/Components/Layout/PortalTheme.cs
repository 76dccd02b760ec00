using MudBlazor;

namespace Zowor.Portal.Components.Layout;

/// <summary>
/// Zowor's colours, shared by the staff layout and the sign-in pages. Every colour that carries text (white text on a
/// filled chip or button, coloured text on white) meets WCAG AA's 4.5:1 (issue 20; AccessibilityTests runs axe on every page).
/// </summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            // Zowor's orange (#e07a1f) darkened to 5.8:1 behind white text.
            Secondary = "#a34c0a",
            AppbarBackground = "#1f4e79",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#263238",
            Success = "#2e7d32",
            Warning = "#b45309",
            Info = "#0b6bcb",
            // MudBlazor's 54 % black falls under 4.5:1 on the grey background; this slate keeps 6.8:1.
            TextSecondary = "#4b5863",
            Error = "#c62828",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
