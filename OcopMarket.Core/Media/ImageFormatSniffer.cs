namespace OcopMarket.Core.Media;

/// <summary>
/// Recognises an upload by its magic bytes. File names and the browser's Content-Type are chosen by the
/// client, so they are never consulted: a script renamed to <c>photo.jpg</c> is still <see cref="UploadKind.Unknown"/>.
/// </summary>
public static class ImageFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to tell every kind apart.</summary>
    public const int HeaderLength = 12;

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> Webp => "WEBP"u8;
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    /// <summary>Detects the kind from the start of the content (pass at least <see cref="HeaderLength"/> bytes when available).</summary>
    public static UploadKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(JpegMagic)) return UploadKind.Jpeg;
        if (header.StartsWith(PngMagic)) return UploadKind.Png;
        // RIFF container: "RIFF", 4-byte little-endian chunk size, then the form type "WEBP".
        if (header.Length >= 12 && header.StartsWith(Riff) && header.Slice(8, 4).SequenceEqual(Webp)) return UploadKind.WebP;
        // The PDF spec tolerates junk before the header, but a well-formed scan starts with it; being strict
        // means a file only counts as PDF when any viewer would agree.
        if (header.StartsWith(PdfMagic)) return UploadKind.Pdf;
        return UploadKind.Unknown;
    }

    /// <summary>True for the raster formats the image pipeline accepts.</summary>
    public static bool IsImage(UploadKind kind) => kind is UploadKind.Jpeg or UploadKind.Png or UploadKind.WebP;

    /// <summary>The MIME type to serve a file of this kind with (null for <see cref="UploadKind.Unknown"/>).</summary>
    public static string? ContentTypeOf(UploadKind kind) => kind switch
    {
        UploadKind.Jpeg => "image/jpeg",
        UploadKind.Png => "image/png",
        UploadKind.WebP => "image/webp",
        UploadKind.Pdf => "application/pdf",
        _ => null,
    };

    /// <summary>The file extension (with its dot) to store a file of this kind under (null for <see cref="UploadKind.Unknown"/>).</summary>
    public static string? ExtensionOf(UploadKind kind) => kind switch
    {
        UploadKind.Jpeg => ".jpg",
        UploadKind.Png => ".png",
        UploadKind.WebP => ".webp",
        UploadKind.Pdf => ".pdf",
        _ => null,
    };
}
