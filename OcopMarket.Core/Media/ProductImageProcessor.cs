using OcopMarket.Core.Common;
using SkiaSharp;

namespace OcopMarket.Core.Media;

/// <summary>
/// Turns an untrusted photo upload (product photo or certificate scan) into two freshly encoded files:
/// a display image that fits in <see cref="DisplayMaxSide"/>² and a thumbnail that fits in <see cref="ThumbnailMaxSide"/>².
/// <para>
/// Every check happens before the expensive step it protects: the byte cap before buffering the rest of the
/// stream, the magic bytes before handing anything to a decoder, and the pixel dimensions (read from the header
/// by <see cref="SKCodec"/>, which decodes no pixels to learn them) before allocating a bitmap. A tiny file that
/// claims to be 50,000 px wide (a decompression bomb) is therefore refused without using any memory.
/// </para>
/// <para>
/// Output format: lossy WebP at quality <see cref="Quality"/>. WebP files are typically a quarter to a third
/// smaller than JPEG at the same visual quality (this is what producers on mobile data load), every browser we
/// target decodes it, and unlike JPEG it keeps the alpha channel of a transparent PNG (a logo on a product shot)
/// instead of flattening it onto a colour we would have to guess. Re-encoding from pixels also drops all
/// metadata of the original, EXIF GPS position included.
/// </para>
/// The class holds no state and is safe to share (register it as a singleton).
/// </summary>
public sealed class ProductImageProcessor
{
    /// <summary>Largest upload accepted: 5 MB.</summary>
    public const int MaxUploadBytes = 5 * 1024 * 1024;

    /// <summary>Largest width or height accepted, in pixels, as stored in the file (before orientation).</summary>
    public const int MaxSidePixels = 6000;

    public const int DisplayMaxSide = 1200;
    public const int ThumbnailMaxSide = 400;

    /// <summary>WebP quality (0-100): past ~80 the files grow fast for differences nobody sees on a product page.</summary>
    public const int Quality = 82;

    public const string OutputContentType = "image/webp";
    public const string OutputExtension = ".webp";

    private static readonly UserText TooLarge = new("Ảnh quá lớn: tối đa 5 MB.", "The photo is too large: 5 MB at most.");
    private static readonly UserText NotAnImage = new("Tệp không phải ảnh JPEG, PNG hoặc WebP.", "The file is not a JPEG, PNG or WebP image.");
    private static readonly UserText TooManyPixels = new("Ảnh quá lớn: tối đa 6.000 px mỗi cạnh.", "The photo is too large: 6,000 px a side at most.");
    private static readonly UserText Corrupt = new(
        "Ảnh bị hỏng hoặc không đầy đủ, không đọc được. Vui lòng chọn ảnh khác.",
        "The photo is damaged or incomplete and cannot be read. Please choose another one.");

    /// <summary>The <see cref="Exception.Message"/> of a corrupt-image refusal (its Vietnamese text).</summary>
    internal static string CorruptMessage => Corrupt.Vi;

    /// <summary>
    /// Validates and re-encodes one upload. Reads at most <see cref="MaxUploadBytes"/> + 1 bytes of
    /// <paramref name="upload"/> and does not dispose it.
    /// </summary>
    /// <exception cref="ImageRejectedException">The upload is refused; the message is for the user.</exception>
    public async Task<ProcessedImage> ProcessAsync(Stream upload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var bytes = await ReadCappedAsync(upload, ct);
        ct.ThrowIfCancellationRequested();
        return Process(bytes);
    }

    /// <summary>Reads the whole upload, refusing it as soon as it proves longer than <see cref="MaxUploadBytes"/>.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream upload, CancellationToken ct)
    {
        if (upload.CanSeek && upload.Length - upload.Position > MaxUploadBytes)
            throw new ImageRejectedException(TooLarge);

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        // One byte past the cap is enough to know the upload is too big; never ask the stream for more than
        // that, so a client streaming gigabytes costs us 5 MB at most.
        const int limit = MaxUploadBytes + 1;
        while (buffer.Length < limit)
        {
            var want = (int)Math.Min(chunk.Length, limit - buffer.Length);
            var read = await upload.ReadAsync(chunk.AsMemory(0, want), ct);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length > MaxUploadBytes) throw new ImageRejectedException(TooLarge);
        return buffer.ToArray();
    }

    private static ProcessedImage Process(byte[] bytes)
    {
        if (!ImageFormatSniffer.IsImage(ImageFormatSniffer.Detect(bytes)))
            throw new ImageRejectedException(NotAnImage);

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException(Corrupt);
        // Skia picks its decoder from the same magic bytes; this only guards against the two ever disagreeing.
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
            throw new ImageRejectedException(NotAnImage);

        // Header only: nothing has been decoded yet.
        var stored = codec.Info.Size;
        if (stored.Width <= 0 || stored.Height <= 0) throw new ImageRejectedException(Corrupt);
        if (stored.Width > MaxSidePixels || stored.Height > MaxSidePixels)
            throw new ImageRejectedException(TooManyPixels);

        var origin = codec.EncodedOrigin;
        var upright = OrientedSize(origin, stored);
        var displaySize = FitWithin(upright, DisplayMaxSide);
        var thumbSize = FitWithin(upright, ThumbnailMaxSide);

        // Resize first and rotate afterwards: rotating 1200 px costs far less than rotating 6000 px. So the
        // display is first made in stored orientation (the same swap undoes itself for quarter turns).
        var displayStoredSize = OrientedSize(origin, displaySize);
        using var decoded = Decode(codec, ChooseDecodeSize(codec, displayStoredSize));
        using var displayStored = ResizeTo(decoded, displayStoredSize);
        using var display = ApplyOrigin(displayStored, origin);
        using var thumbnail = ResizeTo(display, thumbSize);

        return new ProcessedImage(Encode(display), Encode(thumbnail), display.Width, display.Height,
            OutputContentType, OutputExtension);
    }

    /// <summary>
    /// The smallest size the codec can decode to directly that is still at least <paramref name="target"/>.
    /// JPEG decoders scale by n/8 inside the DCT, so a 6000 px photo for a 1200 px display is decoded at
    /// 1500 px: a sixteenth of the memory and time. PNG cannot scale while decoding and reports its full size.
    /// </summary>
    private static SKSizeI ChooseDecodeSize(SKCodec codec, SKSizeI target)
    {
        var full = codec.Info.Size;
        if (target.Width >= full.Width && target.Height >= full.Height) return full;
        for (var n = 1; n < 8; n++)
        {
            var size = codec.GetScaledDimensions(n / 8f);
            if (size.Width >= target.Width && size.Height >= target.Height && size.Width <= full.Width && size.Height <= full.Height)
                return size;
        }
        return full;
    }

    private static SKBitmap Decode(SKCodec codec, SKSizeI size)
    {
        // Decode straight to sRGB (Skia converts from any embedded ICC profile, e.g. an iPhone's Display P3),
        // so the re-encoded files need no profile and look the same in every browser.
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, alpha, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap();
        try
        {
            if (!bitmap.TryAllocPixels(info)) throw new InvalidOperationException("Could not allocate the image buffer.");
            // Anything short of Success (a truncated file decodes as IncompleteInput with grey filler) is refused:
            // half a photo must not reach the shop window.
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result != SKCodecResult.Success) throw new ImageRejectedException(Corrupt);
            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static SKBitmap ResizeTo(SKBitmap source, SKSizeI size)
    {
        if (source.Width == size.Width && source.Height == size.Height) return source.Copy();
        // Linear filtering between mipmap levels: a large downscale (a 6000 px PNG to 400 px) averages every
        // source pixel instead of sampling a few and shimmering.
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        return source.Resize(source.Info.WithSize(size), sampling)
            ?? throw new InvalidOperationException("Image resize failed.");
    }

    /// <summary>Redraws <paramref name="source"/> upright according to its EXIF orientation.</summary>
    private static SKBitmap ApplyOrigin(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return source.Copy();
        var size = OrientedSize(origin, source.Info.Size);
        var result = new SKBitmap(source.Info.WithSize(size));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(OrientationMatrix(origin, source.Width, source.Height));
        // Quarter turns and mirrors with whole-pixel offsets map pixels one to one: no filtering needed.
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap)
    {
        using var pixels = bitmap.PeekPixels() ?? throw new InvalidOperationException("Image has no pixels.");
        // The pixels are sRGB already (see Decode). Untagged images are taken as sRGB by browsers, so leaving the
        // colour space off saves the ~450-byte ICC profile Skia would otherwise embed in every file.
        using var pixmap = new SKPixmap(pixels.Info.WithColorSpace(null), pixels.GetPixels(), pixels.RowBytes);
        using var encoded = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality))
            ?? throw new InvalidOperationException("WebP encoding failed.");
        return encoded.ToArray();
    }

    /// <summary>Scales <paramref name="size"/> down (never up) to fit in a <paramref name="maxSide"/> square, keeping its aspect ratio.</summary>
    internal static SKSizeI FitWithin(SKSizeI size, int maxSide)
    {
        var longest = Math.Max(size.Width, size.Height);
        if (longest <= maxSide) return size;
        var scale = (double)maxSide / longest;
        return new SKSizeI(
            Math.Max(1, (int)Math.Round(size.Width * scale)),
            Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

    /// <summary>The size after applying <paramref name="origin"/>: quarter turns (EXIF 5-8) swap width and height.</summary>
    internal static SKSizeI OrientedSize(SKEncodedOrigin origin, SKSizeI size) =>
        SwapsAxes(origin) ? new SKSizeI(size.Height, size.Width) : size;

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The transform from stored pixel space (<paramref name="width"/>×<paramref name="height"/>) to upright
    /// space, for each EXIF orientation value (1-8, in <see cref="SKEncodedOrigin"/> order). Same mapping as
    /// Skia's SkEncodedOriginToMatrix; e.g. RightTop (6, what a phone held upright writes) is a quarter turn
    /// clockwise: (x, y) → (height − y, x).
    /// </summary>
    internal static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        // SKMatrix(scaleX, skewX, transX, skewY, scaleY, transY, persp0, persp1, persp2):
        // x' = scaleX·x + skewX·y + transX, y' = skewY·x + scaleY·y + transY
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),      // 2: mirror left-right
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1), // 3: half turn
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),   // 4: mirror top-bottom
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),            // 5: transpose
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),     // 6: quarter turn clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1), // 7: transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),    // 8: quarter turn anticlockwise
        _ => SKMatrix.Identity,                                                         // 1: as stored
    };
}
