namespace OcopMarket.Core.Media;

/// <summary>What an uploaded file really is, judged from its first bytes (see <see cref="ImageFormatSniffer"/>).</summary>
public enum UploadKind
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Pdf,
}
