using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Zowor.Portal.Features.Reviews;

/// <summary>Top-to-bottom text layout on A4 pages: headings, wrapped paragraphs, label/value pairs and simple tables.</summary>
internal sealed class ReviewPdfWriter
{
    private const double Margin = 50;
    private readonly PdfDocument _document;
    private readonly XFont _body = new(ReviewPdfFonts.Family, 9.5);
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;

    public ReviewPdfWriter(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    private double Width => _page.Width.Point - (2 * Margin);

    public void Heading(string text, double size = 13)
    {
        Space(size * 2.2);
        _y += size * 0.6;
        var font = new XFont(ReviewPdfFonts.Family, size, XFontStyleEx.Bold);
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopLeft);
        _y += size * 1.6;
    }

    public void Text(string text)
    {
        foreach (var line in Wrap(text, Width))
        {
            Space(14);
            _gfx.DrawString(line, _body, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
            _y += 13;
        }

        _y += 3;
    }

    public void Pair(string label, string value) => Table([[label, value]]);

    /// <summary>Rows of cells in equal columns (the first twice as wide), each cell wrapped; "—" when there are no rows.</summary>
    public void Table(IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
        {
            Text("—");
            return;
        }

        foreach (var row in rows)
        {
            var unit = Width / (row.Length + 1);
            var cells = row.Select((cell, i) => Wrap(cell, (i == 0 ? 2 * unit : unit) - 6)).ToList();
            var height = (cells.Max(c => c.Count) * 12) + 3;
            Space(height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                for (var line = 0; line < cells[i].Count; line++)
                {
                    _gfx.DrawString(cells[i][line], _body, XBrushes.Black, new XRect(x, _y + (line * 12), Width, 12), XStringFormats.TopLeft);
                }

                x += i == 0 ? 2 * unit : unit;
            }

            _y += height;
            _gfx.DrawLine(XPens.LightGray, Margin, _y - 1.5, Margin + Width, _y - 1.5);
        }

        _y += 4;
    }

    private List<string> Wrap(string text, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _gfx.MeasureString(candidate, _body).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void Space(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
