namespace Zowor.Portal.Components.Shared;

/// <summary>One row of <see cref="FigureBars"/>: the figure's key (what a drill-down receives), its name as shown, its count.</summary>
public sealed record FigureBar(string Key, string Label, int Count);
