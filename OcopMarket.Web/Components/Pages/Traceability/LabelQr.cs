using System.Globalization;
using System.Text;
using QRCoder;

namespace OcopMarket.Web.Components.Pages.Traceability;

/// <summary>
/// QR codes for labels, drawn with QRCoder. Error correction Q (25 % of the code may be lost) because labels get
/// scuffed and wet; a four-module quiet zone as the standard asks.
/// </summary>
public static class LabelQr
{
    public static byte[] Png(string url, int pixelsPerModule = 10)
    {
        using var data = Encode(url);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>
    /// A scalable SVG with one path per row run of dark modules (a few kilobytes, so a sheet of a thousand labels
    /// stays printable); sized by its viewBox so CSS decides the printed size.
    /// </summary>
    public static string Svg(string url, string? title = null)
    {
        using var data = Encode(url);
        var matrix = data.ModuleMatrix; // includes the quiet zone
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x]) continue;
                var start = x;
                while (x + 1 < size && row[x + 1]) x++;
                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start + 1}v1h-{x - start + 1}z");
            }
        }
        var label = title is null ? "" : $"<title>{System.Net.WebUtility.HtmlEncode(title)}</title>";
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\">{label}" +
               $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }

    private static QRCodeData Encode(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
    }
}

/// <summary>An A4 label stock: label size and how many fit across and down (common Tomy/Decal A4 sheets).</summary>
public sealed record LabelSize(string Key, double WidthMm, double HeightMm, int Columns, int Rows)
{
    public int PerSheet => Columns * Rows;

    /// <summary>The sheet's size as CSS variables, for its style attribute (the CSP allows these strings by hash).</summary>
    public string SheetStyle => string.Create(CultureInfo.InvariantCulture,
        $"--label-w:{WidthMm}mm;--label-h:{HeightMm}mm;--cols:{Columns};--rows:{Rows}");

    public string Name => $"{WidthMm.ToString("0.#", CultureInfo.InvariantCulture)} × {HeightMm.ToString("0.#", CultureInfo.InvariantCulture)} mm ({PerSheet}/A4)";

    public static readonly IReadOnlyList<LabelSize> All =
    [
        new("a4-8", 99.1, 67.7, 2, 4),
        new("a4-21", 63.5, 38.1, 3, 7),
        new("a4-24", 64, 33.9, 3, 8),
        new("a4-65", 38.1, 21.2, 5, 13),
    ];

    public static LabelSize Default => All[1];

    public static LabelSize ByKey(string? key) => All.FirstOrDefault(s => s.Key == key) ?? Default;
}
