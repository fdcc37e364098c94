using System.Security.Cryptography;

namespace OcopMarket.Core.Media;

/// <summary>
/// <see cref="IMediaStore"/> on a local folder (the web app passes <c>&lt;content root&gt;/App_Data/media</c>,
/// outside wwwroot, so nothing is served that the app has not chosen to serve).
/// <para>
/// Relative paths may end up in URLs, so every one is checked before it touches the disk: only lower-case
/// letters, digits, '/', '.', '_' and '-'; no "..", no leading '/', no empty or dot-led segment. A crafted path
/// therefore cannot leave the root, and the resolved full path is checked against the root once more anyway.
/// </para>
/// </summary>
public sealed class FileSystemMediaStore : IMediaStore
{
    private const int MaxPathLength = 200;
    private readonly string _root;

    public FileSystemMediaStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        // Without a trailing separator, so that "root + separator" below is the prefix of every stored file.
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootFolder));
    }

    /// <summary>The absolute root folder.</summary>
    public string RootFolder => _root;

    public async Task<string> SaveAsync(string folder, string extension, byte[] bytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ValidateRelativePath(folder, nameof(folder));
        var ext = NormalizeExtension(extension);

        // 32 hex digits from the OS's cryptographic generator (Guid.NewGuid makes no promise of unpredictability).
        var relative = $"{folder}/{RandomNumberGenerator.GetHexString(32, lowercase: true)}.{ext}";
        var fullPath = ResolveFullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // CreateNew: never overwrite (a name clash among 2^128 names would be a bug, not bad luck). The path is
        // handed out only after the write completes, so no reader can see a half-written file.
        var file = new FileStream(fullPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
            bufferSize: 81920, FileOptions.Asynchronous);
        try
        {
            await using (file) await file.WriteAsync(bytes, ct);
        }
        catch
        {
            TryDelete(fullPath); // ours: CreateNew succeeded, so no other file of that name existed
            throw;
        }
        return relative;
    }

    public Task<Stream?> OpenAsync(string relativePath, CancellationToken ct = default)
    {
        var fullPath = ResolveFullPath(relativePath);
        ct.ThrowIfCancellationRequested();
        try
        {
            Stream stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // UnauthorizedAccessException: the path names a folder (e.g. "products"), not a file.
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string relativePath, CancellationToken ct = default)
    {
        var fullPath = ResolveFullPath(relativePath);
        ct.ThrowIfCancellationRequested();
        if (File.Exists(fullPath)) File.Delete(fullPath);
        return Task.CompletedTask;
    }

    private string ResolveFullPath(string relativePath)
    {
        ValidateRelativePath(relativePath, nameof(relativePath));
        var fullPath = Path.GetFullPath(Path.Combine(_root, relativePath));
        // Belt and braces: the checks above already rule this out.
        if (!fullPath.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("Path escapes the media root.", nameof(relativePath));
        return fullPath;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> is a safe relative path.</summary>
    internal static void ValidateRelativePath(string? path, string paramName)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("Path is empty.", paramName);
        if (path.Length > MaxPathLength) throw new ArgumentException("Path is too long.", paramName);
        foreach (var c in path)
        {
            if (!IsAllowed(c)) throw new ArgumentException($"Path contains a character outside [a-z0-9/._-]: '{path}'.", paramName);
        }
        if (path.Contains("..", StringComparison.Ordinal)) throw new ArgumentException($"Path contains '..': '{path}'.", paramName);
        foreach (var segment in path.Split('/'))
        {
            // Also catches a leading '/' (rooted), a trailing '/', "//", and "." or hidden-file segments.
            if (segment.Length == 0 || segment[0] == '.')
                throw new ArgumentException($"Path has an empty or dot-led segment: '{path}'.", paramName);
        }
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '/' or '.' or '_' or '-';

    private static string NormalizeExtension(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var ext = extension.StartsWith('.') ? extension[1..] : extension;
        if (ext.Length is 0 or > 10 || !ext.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            throw new ArgumentException($"Invalid file extension '{extension}'.", nameof(extension));
        return ext;
    }

    private static void TryDelete(string fullPath)
    {
        try { File.Delete(fullPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
