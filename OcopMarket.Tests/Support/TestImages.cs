using System.Buffers.Binary;
using SkiaSharp;

namespace OcopMarket.Tests.Support;

/// <summary>Images made in code for the media tests (no binary fixtures in the repo).</summary>
internal static class TestImages
{
    /// <summary>An opaque image: left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    public static SKBitmap TwoHalves(int width, int height, SKColor left, SKColor right)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(right);
        using var paint = new SKPaint { Color = left };
        canvas.DrawRect(0, 0, width / 2f, height, paint);
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Could not encode {format}.");
        return data.ToArray();
    }

    public static byte[] Make(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = TwoHalves(width, height, SKColors.Red, SKColors.Blue);
        return Encode(bitmap, format);
    }

    /// <summary>Decodes processor output back into pixels, to look at what the user will see.</summary>
    public static SKBitmap Decode(byte[] bytes) =>
        SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("Output does not decode.");

    /// <summary>
    /// Inserts a minimal EXIF APP1 segment with the given Orientation tag right after the JPEG's SOI marker,
    /// which is what a phone camera writes instead of rotating the pixels.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        var tiff = new List<byte>();
        tiff.AddRange("II"u8.ToArray());             // little-endian TIFF
        tiff.AddRange([0x2A, 0x00]);                   // magic 42
        tiff.AddRange([0x08, 0x00, 0x00, 0x00]);       // IFD0 at offset 8
        tiff.AddRange([0x01, 0x00]);                   // one entry
        tiff.AddRange([0x12, 0x01]);                   // tag 0x0112 Orientation
        tiff.AddRange([0x03, 0x00]);                   // type SHORT
        tiff.AddRange([0x01, 0x00, 0x00, 0x00]);       // count 1
        tiff.AddRange([(byte)orientation, (byte)(orientation >> 8), 0x00, 0x00]); // value, padded to 4 bytes
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);       // no next IFD

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segmentLength = payload.Length + 2;        // the length field counts itself
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength }.Concat(payload);
        return jpeg.Take(2).Concat(app1).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>
    /// Rewrites the width and height in a PNG's IHDR chunk (and its CRC, so the header stays valid) without
    /// touching the pixel data: a small file that claims to be huge, like a decompression bomb.
    /// </summary>
    public static byte[] WithPngHeaderSize(byte[] png, int width, int height)
    {
        var patched = (byte[])png.Clone();
        // 8-byte signature, then IHDR: length (4) "IHDR" (4) width (4) height (4) ... CRC over type + 13 data bytes.
        if (!patched.AsSpan(12, 4).SequenceEqual("IHDR"u8)) throw new ArgumentException("No IHDR.", nameof(png));
        BinaryPrimitives.WriteInt32BigEndian(patched.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(patched.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(patched.AsSpan(29), Crc32(patched.AsSpan(12, 17)));
        return patched;
    }

    /// <summary>The CRC-32 (IEEE) that PNG chunks carry.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

/// <summary>
/// A non-seekable upload of <paramref name="length"/> bytes (JPEG magic, then filler) that fails the test if
/// anyone asks it for more than <paramref name="readLimit"/> bytes: proves the processor stops reading early.
/// </summary>
internal sealed class TrippingUploadStream(long length, long readLimit) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - BytesRead);
        if (n <= 0) return 0;
        if (BytesRead + buffer.Length > readLimit)
            throw new InvalidOperationException($"Read past {readLimit} bytes: the upload should have been refused by now.");
        buffer[..n].Fill(0x42);
        if (BytesRead == 0 && n >= 3) { buffer[0] = 0xFF; buffer[1] = 0xD8; buffer[2] = 0xFF; }
        BytesRead += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
