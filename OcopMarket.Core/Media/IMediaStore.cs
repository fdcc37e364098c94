namespace OcopMarket.Core.Media;

/// <summary>
/// Where uploaded media files live. Paths are relative, use '/' and only the characters [a-z0-9/._-]
/// (for example <c>products/3f2a9c….webp</c>); they are what the database stores.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Stores <paramref name="bytes"/> under <paramref name="folder"/> with a fresh random name (128 random bits,
    /// so links cannot be guessed or enumerated) and returns its relative path. <paramref name="extension"/> may
    /// be given with or without its dot (".webp" or "webp").
    /// </summary>
    Task<string> SaveAsync(string folder, string extension, byte[] bytes, CancellationToken ct = default);

    /// <summary>Opens a stored file for reading, or returns null when there is none. The caller disposes the stream.</summary>
    Task<Stream?> OpenAsync(string relativePath, CancellationToken ct = default);

    /// <summary>Deletes a stored file; deleting a file that is not there is not an error.</summary>
    Task DeleteAsync(string relativePath, CancellationToken ct = default);
}
