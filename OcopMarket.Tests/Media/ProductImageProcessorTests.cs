using System.Text;
using SkiaSharp;
using OcopMarket.Core.Media;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Media;

public sealed class ProductImageProcessorTests
{
    private readonly ProductImageProcessor _processor = new();

    private Task<ProcessedImage> ProcessAsync(byte[] bytes) => _processor.ProcessAsync(new MemoryStream(bytes), CancellationToken.None);

    private async Task<ImageRejectedException> RejectedAsync(byte[] bytes) =>
        await Assert.ThrowsAsync<ImageRejectedException>(() => ProcessAsync(bytes));

    private static void AssertWebP(byte[] bytes, int width, int height)
    {
        Assert.Equal(UploadKind.WebP, ImageFormatSniffer.Detect(bytes));
        using var bitmap = TestImages.Decode(bytes);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public async Task Landscape_upload_becomes_bounded_webp_display_and_thumbnail(SKEncodedImageFormat format)
    {
        var result = await ProcessAsync(TestImages.Make(2400, 1600, format));

        Assert.Equal("image/webp", result.ContentType);
        Assert.Equal(".webp", result.Extension);
        Assert.Equal((1200, 800), (result.Width, result.Height));
        AssertWebP(result.Display, 1200, 800);
        AssertWebP(result.Thumbnail, 400, 267); // 3:2 kept, 266.67 rounded
        Assert.True(result.Thumbnail.Length < result.Display.Length);
    }

    [Fact]
    public async Task Portrait_upload_is_bounded_by_its_height()
    {
        var result = await ProcessAsync(TestImages.Make(1000, 3000, SKEncodedImageFormat.Jpeg));
        AssertWebP(result.Display, 400, 1200);
        AssertWebP(result.Thumbnail, 133, 400);
    }

    [Fact]
    public async Task Small_image_is_never_upscaled()
    {
        var result = await ProcessAsync(TestImages.Make(300, 200, SKEncodedImageFormat.Png));
        Assert.Equal((300, 200), (result.Width, result.Height));
        AssertWebP(result.Display, 300, 200);
        AssertWebP(result.Thumbnail, 300, 200);
    }

    [Fact]
    public async Task Colours_survive_the_round_trip()
    {
        var result = await ProcessAsync(TestImages.Make(800, 400, SKEncodedImageFormat.Png));
        using var display = TestImages.Decode(result.Display);
        AssertRed(display.GetPixel(100, 200));
        AssertBlue(display.GetPixel(700, 200));
    }

    [Fact]
    public async Task Transparent_png_keeps_its_alpha()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(200, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = SKColors.Green };
            canvas.DrawRect(100, 0, 100, 100, paint);
        }
        var result = await ProcessAsync(TestImages.Encode(bitmap, SKEncodedImageFormat.Png));

        using var display = TestImages.Decode(result.Display);
        Assert.Equal(0, display.GetPixel(20, 50).Alpha);
        Assert.Equal(255, display.GetPixel(180, 50).Alpha);
    }

    [Fact]
    public async Task Renamed_text_file_is_refused_whatever_its_name()
    {
        var e = await RejectedAsync(Encoding.UTF8.GetBytes("hello"));
        Assert.Equal("Tệp không phải ảnh JPEG, PNG hoặc WebP.", e.Message);
    }

    [Fact]
    public async Task Pdf_is_not_a_product_photo()
    {
        var e = await RejectedAsync("%PDF-1.7\n"u8.ToArray());
        Assert.Equal("Tệp không phải ảnh JPEG, PNG hoặc WebP.", e.Message);
    }

    [Fact]
    public async Task Empty_upload_is_refused()
    {
        var e = await RejectedAsync([]);
        Assert.Equal("Tệp không phải ảnh JPEG, PNG hoặc WebP.", e.Message);
    }

    [Fact]
    public async Task Six_megabyte_upload_is_refused_after_reading_just_past_the_limit()
    {
        // The stream throws if asked for even one byte more than "limit + 1".
        var upload = new TrippingUploadStream(length: 6 * 1024 * 1024, readLimit: ProductImageProcessor.MaxUploadBytes + 1);

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => _processor.ProcessAsync(upload, CancellationToken.None));

        Assert.Equal("Ảnh quá lớn: tối đa 5 MB.", e.Message);
        Assert.Equal(ProductImageProcessor.MaxUploadBytes + 1, upload.BytesRead);
    }

    [Fact]
    public async Task Oversized_seekable_upload_is_refused_without_reading()
    {
        var upload = new MemoryStream(new byte[6 * 1024 * 1024]);
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => _processor.ProcessAsync(upload, CancellationToken.None));
        Assert.Equal("Ảnh quá lớn: tối đa 5 MB.", e.Message);
        Assert.Equal(0, upload.Position);
    }

    [Fact]
    public async Task Exactly_five_megabytes_passes_the_size_check()
    {
        // JPEG magic then filler: not too big, so it fails later, on decoding.
        var upload = new TrippingUploadStream(length: ProductImageProcessor.MaxUploadBytes, readLimit: ProductImageProcessor.MaxUploadBytes + 1);
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => _processor.ProcessAsync(upload, CancellationToken.None));
        Assert.Equal(ProductImageProcessor.CorruptMessage, e.Message);
    }

    [Fact]
    public async Task Png_header_claiming_10000_px_is_refused_before_decoding()
    {
        var bomb = TestImages.WithPngHeaderSize(TestImages.Make(10, 10, SKEncodedImageFormat.Png), 10_000, 10_000);
        Assert.True(bomb.Length < 1024);

        var e = await RejectedAsync(bomb);
        Assert.Equal("Ảnh quá lớn: tối đa 6.000 px mỗi cạnh.", e.Message);
    }

    [Theory]
    [InlineData(6001, 10)]
    [InlineData(10, 6001)]
    public async Task Image_over_6000_px_on_a_side_is_refused(int width, int height)
    {
        var e = await RejectedAsync(TestImages.Make(width, height, SKEncodedImageFormat.Png));
        Assert.Equal("Ảnh quá lớn: tối đa 6.000 px mỗi cạnh.", e.Message);
    }

    [Fact]
    public async Task Image_of_exactly_6000_px_is_accepted()
    {
        var result = await ProcessAsync(TestImages.Make(6000, 10, SKEncodedImageFormat.Png));
        Assert.Equal((1200, 2), (result.Width, result.Height));
    }

    [Fact]
    public async Task Large_jpeg_is_downscaled_while_decoding_and_still_fits()
    {
        // 5000 px wide: decoded at 2/8 (1250 px) by the JPEG decoder, then resized to 1200.
        var result = await ProcessAsync(TestImages.Make(5000, 2500, SKEncodedImageFormat.Jpeg));
        AssertWebP(result.Display, 1200, 600);
        AssertWebP(result.Thumbnail, 400, 200);
        using var display = TestImages.Decode(result.Display);
        AssertRed(display.GetPixel(100, 300));
        AssertBlue(display.GetPixel(1100, 300));
    }

    [Fact]
    public async Task Truncated_jpeg_is_refused_cleanly()
    {
        var jpeg = TestImages.Make(800, 600, SKEncodedImageFormat.Jpeg);
        var e = await RejectedAsync(jpeg[..(jpeg.Length / 2)]);
        Assert.Equal(ProductImageProcessor.CorruptMessage, e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x13, 0x37, 0x13, 0x37 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 })]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x04, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50 })]
    public async Task Right_magic_with_garbage_after_it_is_refused_cleanly(byte[] bytes)
    {
        var e = await RejectedAsync(bytes);
        Assert.Equal(ProductImageProcessor.CorruptMessage, e.Message);
    }

    [Fact]
    public async Task Png_with_damaged_pixel_data_is_refused()
    {
        var png = TestImages.Make(300, 300, SKEncodedImageFormat.Png);
        // Flip bytes in the middle of the IDAT stream: zlib/CRC errors, not a crash.
        for (var i = png.Length / 2; i < png.Length / 2 + 32; i++) png[i] ^= 0x5A;
        var e = await RejectedAsync(png);
        Assert.Equal(ProductImageProcessor.CorruptMessage, e.Message);
    }

    [Theory]
    [InlineData((ushort)6, true)]  // phone held upright: stored sideways, turn clockwise; the stored left half ends on top
    [InlineData((ushort)8, false)] // turn anticlockwise: the stored left half ends at the bottom
    public async Task Exif_orientation_is_applied(ushort orientation, bool redOnTop)
    {
        // Stored 800×400 landscape, left half red, right half blue.
        var jpeg = TestImages.WithExifOrientation(TestImages.Make(800, 400, SKEncodedImageFormat.Jpeg), orientation);

        var result = await ProcessAsync(jpeg);

        Assert.Equal((400, 800), (result.Width, result.Height));
        using var display = TestImages.Decode(result.Display);
        using var thumbnail = TestImages.Decode(result.Thumbnail);
        Assert.Equal((200, 400), (thumbnail.Width, thumbnail.Height));
        foreach (var (image, top, bottom) in new[] { (display, 100, 700), (thumbnail, 50, 350) })
        {
            var x = image.Width / 2;
            if (redOnTop) { AssertRed(image.GetPixel(x, top)); AssertBlue(image.GetPixel(x, bottom)); }
            else { AssertBlue(image.GetPixel(x, top)); AssertRed(image.GetPixel(x, bottom)); }
        }
    }

    [Fact]
    public async Task Metadata_of_the_original_is_dropped()
    {
        var jpeg = TestImages.WithExifOrientation(TestImages.Make(640, 480, SKEncodedImageFormat.Jpeg), 1);
        Assert.True(TestImages.Contains(jpeg, "Exif"u8));

        var result = await ProcessAsync(jpeg);

        foreach (var output in new[] { result.Display, result.Thumbnail })
        {
            Assert.False(TestImages.Contains(output, "Exif"u8));
            Assert.False(TestImages.Contains(output, "EXIF"u8));
            Assert.False(TestImages.Contains(output, "XMP "u8));
            Assert.False(TestImages.Contains(output, "ICCP"u8)); // pixels are sRGB, so no profile is needed
        }
    }

    [Theory]
    // origin, where the stored top-left corner lands, where the stored top-right corner lands (as fractions of the upright size)
    [InlineData(SKEncodedOrigin.TopLeft, 0, 0, 1, 0)]
    [InlineData(SKEncodedOrigin.TopRight, 1, 0, 0, 0)]
    [InlineData(SKEncodedOrigin.BottomRight, 1, 1, 0, 1)]
    [InlineData(SKEncodedOrigin.BottomLeft, 0, 1, 1, 1)]
    [InlineData(SKEncodedOrigin.LeftTop, 0, 0, 0, 1)]
    [InlineData(SKEncodedOrigin.RightTop, 1, 0, 1, 1)]
    [InlineData(SKEncodedOrigin.RightBottom, 1, 1, 1, 0)]
    [InlineData(SKEncodedOrigin.LeftBottom, 0, 1, 0, 0)]
    public void Orientation_matrix_follows_the_exif_table(SKEncodedOrigin origin, int tlx, int tly, int trx, int try_)
    {
        const int w = 40, h = 30;
        var upright = ProductImageProcessor.OrientedSize(origin, new SKSizeI(w, h));
        var m = ProductImageProcessor.OrientationMatrix(origin, w, h);

        Assert.Equal(new SKPoint(tlx * upright.Width, tly * upright.Height), m.MapPoint(0, 0));
        Assert.Equal(new SKPoint(trx * upright.Width, try_ * upright.Height), m.MapPoint(w, 0));
        // The whole stored rectangle lands exactly on the upright one.
        Assert.Equal(SKRect.Create(upright.Width, upright.Height), m.MapRect(SKRect.Create(w, h)));
    }

    [Theory]
    [InlineData(2400, 1600, 1200, 1200, 800)]
    [InlineData(300, 200, 1200, 300, 200)]
    [InlineData(1200, 1200, 1200, 1200, 1200)]
    [InlineData(6000, 1, 400, 400, 1)] // never rounds a side down to zero
    [InlineData(1000, 3000, 400, 133, 400)]
    public void Fit_within_keeps_aspect_and_never_upscales(int w, int h, int max, int ew, int eh)
    {
        Assert.Equal(new SKSizeI(ew, eh), ProductImageProcessor.FitWithin(new SKSizeI(w, h), max));
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _processor.ProcessAsync(new MemoryStream(TestImages.Make(10, 10, SKEncodedImageFormat.Png)), cts.Token));
    }

    private static void AssertRed(SKColor c) => Assert.True(c.Red > 200 && c.Green < 60 && c.Blue < 60, $"expected red, got {c}");
    private static void AssertBlue(SKColor c) => Assert.True(c.Blue > 200 && c.Red < 60 && c.Green < 60, $"expected blue, got {c}");
}
