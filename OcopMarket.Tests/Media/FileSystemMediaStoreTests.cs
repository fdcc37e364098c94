using System.Text.RegularExpressions;
using OcopMarket.Core.Media;

namespace OcopMarket.Tests.Media;

public sealed class FileSystemMediaStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ocop-media-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemMediaStore _store;

    public FileSystemMediaStoreTests() => _store = new FileSystemMediaStore(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Saved_bytes_round_trip_and_delete()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 250];

        var path = await _store.SaveAsync("products", ".webp", bytes);

        Assert.Matches(new Regex("^products/[0-9a-f]{32}\\.webp$"), path);
        Assert.True(File.Exists(Path.Combine(_root, "products", Path.GetFileName(path))));
        await using (var stream = await _store.OpenAsync(path))
        {
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        await _store.DeleteAsync(path);
        Assert.Null(await _store.OpenAsync(path));
        await _store.DeleteAsync(path); // already gone: not an error
    }

    [Fact]
    public async Task Names_are_random_and_extension_dot_is_optional()
    {
        var a = await _store.SaveAsync("certificates/2026", "pdf", [1]);
        var b = await _store.SaveAsync("certificates/2026", ".pdf", [2]);
        Assert.NotEqual(a, b);
        Assert.StartsWith("certificates/2026/", a);
        Assert.EndsWith(".pdf", a);
        Assert.EndsWith(".pdf", b);
    }

    [Fact]
    public async Task Missing_file_or_folder_opens_as_null()
    {
        Assert.Null(await _store.OpenAsync("products/0123456789abcdef0123456789abcdef.webp"));
        await _store.SaveAsync("products", "webp", [1]);
        Assert.Null(await _store.OpenAsync("products"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("products/../../x.webp")]
    [InlineData("products/..")]
    [InlineData("products/.")]
    [InlineData(".hidden")]
    [InlineData("products//x.webp")]
    [InlineData("products/")]
    [InlineData("Products/X.webp")]
    [InlineData("c:/windows/x")]
    [InlineData("products/x y.webp")]
    [InlineData("products/x%2e%2e.webp")]
    [InlineData("products/ảnh.webp")]
    [InlineData("")]
    public async Task Unsafe_paths_are_refused(string path)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.OpenAsync(path));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.DeleteAsync(path));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.SaveAsync(path, "webp", [1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("WEBP")]
    [InlineData("web/p")]
    [InlineData("../webp")]
    public async Task Bad_extensions_are_refused(string extension)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.SaveAsync("products", extension, [1]));
    }

    [Fact]
    public async Task Nothing_is_written_outside_the_root()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.SaveAsync("../escaped", "webp", [1]));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escaped")));
    }
}
