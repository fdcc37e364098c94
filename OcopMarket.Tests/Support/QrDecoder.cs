using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace OcopMarket.Tests.Support;

/// <summary>Reads QR codes back with ZXing.Net, from PNG bytes or from the label SVG (drawn to pixels first).</summary>
public static partial class QrDecoder
{
    public static string? DecodePng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("Not an image.");
        return Decode(bitmap);
    }

    /// <summary>Rasterises the label SVG (a viewBox and a path of unit-high row runs) at 8 px a module, then decodes it.</summary>
    public static string? DecodeSvg(string svg)
    {
        var viewBox = ViewBox().Match(svg);
        if (!viewBox.Success) throw new InvalidOperationException("No viewBox.");
        var modules = int.Parse(viewBox.Groups[1].Value, CultureInfo.InvariantCulture);
        const int scale = 8;
        using var bitmap = new SKBitmap(modules * scale, modules * scale);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
            foreach (Match run in Run().Matches(svg))
            {
                var x = int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
                var y = int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
                var w = int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
                canvas.DrawRect(x * scale, y * scale, w * scale, scale, black);
            }
        }
        return Decode(bitmap);
    }

    private static string? Decode(SKBitmap bitmap)
    {
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            var i = (y * bitmap.Width + x) * 3;
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.Red, c.Green, c.Blue);
        }
        var source = new RGBLuminanceSource(rgb, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.RGB24);
        var reader = new ZXing.QrCode.QRCodeReader();
        var result = reader.decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text;
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z")]
    private static partial Regex Run();
}
