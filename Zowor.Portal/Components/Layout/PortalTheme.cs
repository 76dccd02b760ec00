using MudBlazor;

namespace Zowor.Portal.Components.Layout;

/// <summary>Zowor's colours, shared by the staff layout and the sign-in pages.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#e07a1f",
            AppbarBackground = "#1f4e79",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#263238",
            Success = "#2e7d32",
            Warning = "#ed6c02",
            Error = "#c62828",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
