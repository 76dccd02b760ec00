using PdfSharp.Fonts;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// Serves PDFsharp the DejaVu Sans faces embedded in the portal, whatever the font family asked for: Linux servers have
/// no Windows fonts, and DejaVu covers Latin and Cyrillic (the portal's two languages).
/// </summary>
internal sealed class ReviewPdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(ReviewPdfFonts).Assembly.GetManifestResourceStream($"ReviewFonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {faceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
