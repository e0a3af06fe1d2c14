using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FinalAccounts.Tests.Support;

/// <summary>
/// An 8-bit grey page image, read from pdftoppm's PGM and kept as a grey PNG. The PNG codec is the
/// smallest that does the job (one colour type, zlib from the framework), so approved page images need
/// no image package and stay byte-stable: the same pixels always give the same file.
/// </summary>
public sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>A binary PGM ("P5", maxval 255) as pdftoppm -gray writes it.</summary>
    public static GreyImage ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[at]) || bytes[at] == '#')
            {
                if (bytes[at] == '#')
                    while (bytes[at] != '\n')
                        at++;
                at++;
            }
            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
                at++;
            return Encoding.ASCII.GetString(bytes, start, at - start);
        }
        if (Token() != "P5")
            throw new InvalidDataException($"{path} is not a binary PGM");
        var (width, height, max) = (int.Parse(Token()), int.Parse(Token()), int.Parse(Token()));
        if (max != 255)
            throw new InvalidDataException($"{path}: maxval {max}, expected 255");
        at++;   // the single whitespace after maxval
        return new GreyImage(width, height, bytes.AsSpan(at, width * height).ToArray());
    }

    /// <summary>
    /// The image in 16 grey levels (0, 17, … 255): a page stays legible and its PNG is a third smaller.
    /// Both sides of a comparison are quantised alike, so the tolerance is unaffected.
    /// </summary>
    public GreyImage Quantised() => this with { Pixels = Pixels.Select(p => (byte)((p + 8) / 17 * 17)).ToArray() };

    /// <summary>A grey PNG (colour type 0, 8 bits), rows unfiltered: on quantised text pages that compresses best.</summary>
    public byte[] ToPng()
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
            for (var y = 0; y < Height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(Pixels, y * Width, Width);
            }
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;   // bit depth; colour type 0 (grey), compression, filter, interlace all 0
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A grey 8-bit PNG as <see cref="ToPng"/> writes it (any of the five row filters, not interlaced).</summary>
    public static GreyImage ReadPng(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException("not a PNG");
        int width = 0, height = 0;
        using var data = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body[4..]));
                if (body[8] != 8 || body[9] != 0 || body[12] != 0)
                    throw new InvalidDataException("only 8-bit grey, non-interlaced PNGs are read here");
            }
            else if (type == "IDAT")
                data.Write(body);
            at += 12 + length;
        }
        data.Position = 0;
        using var zlib = new ZLibStream(data, CompressionMode.Decompress);
        var rows = new byte[(width + 1) * height];
        zlib.ReadExactly(rows);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                int a = x > 0 ? pixels[y * width + x - 1] : 0, b = y > 0 ? pixels[(y - 1) * width + x] : 0, c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
                var predicted = rows[y * (width + 1)] switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    var f => throw new InvalidDataException($"PNG row filter {f}"),
                };
                pixels[y * width + x] = (byte)(rows[y * (width + 1) + 1 + x] + predicted);
            }
        return new GreyImage(width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream png, string type, byte[] body)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, body.Length);
        png.Write(number);
        png.Write(typeBytes);
        png.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, body));
        png.Write(number);
    }

    private static uint Crc32(byte[] type, byte[] body)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(body))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
