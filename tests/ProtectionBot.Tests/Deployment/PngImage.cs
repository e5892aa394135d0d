using System.Buffers.Binary;
using System.IO.Compression;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// Decodes an 8-bit RGBA or RGB PNG (what the Teams icons are) into pixels, so tests can check sizes and colours
/// without an imaging package.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] pixels;

    private PngImage(int width, int height, int colorType, byte[] pixels)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>2 = RGB, 6 = RGBA.</summary>
    public int ColorType { get; }

    public bool HasAlpha => ColorType == 6;

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var channels = HasAlpha ? 4 : 3;
        var i = ((y * Width) + x) * channels;
        return (pixels[i], pixels[i + 1], pixels[i + 2], HasAlpha ? pixels[i + 3] : (byte)255);
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            throw new InvalidDataException($"{path} is not a PNG file.");

        int width = 0, height = 0, colorType = 0;
        using var compressed = new MemoryStream();
        for (var offset = Signature.Length; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    colorType = data[9];
                    if (data[8] != 8 || colorType is not (2 or 6) || data[12] != 0)
                        throw new InvalidDataException($"{path}: only 8-bit, non-interlaced RGB or RGBA is decoded here.");
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                default:
                    break;
            }
            offset += 12 + length;
        }

        var channels = colorType == 6 ? 4 : 3;
        var stride = width * channels;
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var scanlines = raw.ToArray();
        if (scanlines.Length != height * (stride + 1))
            throw new InvalidDataException($"{path}: image data has {scanlines.Length} bytes, expected {height * (stride + 1)}.");

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = scanlines[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var current = scanlines[(y * (stride + 1)) + 1 + i];
                int left = i >= channels ? pixels[(y * stride) + i - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int upLeft = y > 0 && i >= channels ? pixels[((y - 1) * stride) + i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"{path}: unknown filter {filter}."),
                };
                pixels[(y * stride) + i] = (byte)(current + predictor);
            }
        }
        return new PngImage(width, height, colorType, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
