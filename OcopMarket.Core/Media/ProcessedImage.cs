namespace OcopMarket.Core.Media;

/// <summary>
/// The re-encoded result of one upload. <paramref name="Width"/> and <paramref name="Height"/> are those of
/// <paramref name="Display"/>, upright (EXIF orientation already applied). <paramref name="Extension"/> has
/// its leading dot (".webp") and suits <see cref="IMediaStore.SaveAsync"/>.
/// </summary>
public sealed record ProcessedImage(byte[] Display, byte[] Thumbnail, int Width, int Height, string ContentType, string Extension);
