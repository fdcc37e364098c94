using System.Text;
using SkiaSharp;
using OcopMarket.Core.Media;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Media;

public sealed class ImageFormatSnifferTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, UploadKind.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png, UploadKind.Png)]
    [InlineData(SKEncodedImageFormat.Webp, UploadKind.WebP)]
    public void Recognises_real_images_by_their_bytes(SKEncodedImageFormat format, UploadKind expected)
    {
        Assert.Equal(expected, ImageFormatSniffer.Detect(TestImages.Make(16, 16, format)));
    }

    [Fact]
    public void Recognises_pdf()
    {
        Assert.Equal(UploadKind.Pdf, ImageFormatSniffer.Detect("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8));
        Assert.Equal("application/pdf", ImageFormatSniffer.ContentTypeOf(UploadKind.Pdf));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")] // a RIFF file, but audio
    [InlineData("RIFF")]                                  // too short to say
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData(" %PDF-1.7")]                             // magic not at the start
    public void Anything_else_is_unknown(string content)
    {
        Assert.Equal(UploadKind.Unknown, ImageFormatSniffer.Detect(Encoding.Latin1.GetBytes(content)));
    }

    [Fact]
    public void Only_raster_formats_count_as_images()
    {
        Assert.True(ImageFormatSniffer.IsImage(UploadKind.Jpeg));
        Assert.True(ImageFormatSniffer.IsImage(UploadKind.Png));
        Assert.True(ImageFormatSniffer.IsImage(UploadKind.WebP));
        Assert.False(ImageFormatSniffer.IsImage(UploadKind.Pdf));
        Assert.False(ImageFormatSniffer.IsImage(UploadKind.Unknown));
    }
}
