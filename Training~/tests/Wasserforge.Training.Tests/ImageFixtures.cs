using System;

namespace Wasserforge.Training.Tests
{
    /// <summary>
    /// Test-only image writers, byte by byte from the PNG, TGA, BMP and JPEG specifications (Python's struct and
    /// zlib only), so what each file holds is known without any decoder: the expected pixels are written next to
    /// the bytes that encode them. <see cref="Crafted"/> holds hostile files: headers claiming huge sizes, empty and
    /// truncated files. Shared with the decoder benchmark (Training~/bench/Wasserforge.Decode.Bench).
    /// </summary>
    static class ImageFixtures
    {
        public const string Writers = """
import struct, zlib, sys
d = sys.argv[1]

def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
def png_bytes(w, h, ctype, depth, raw, palette=None, trns=None, interlace=0):
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, interlace))
    if palette: data += chunk(b'PLTE', palette)
    if trns is not None: data += chunk(b'tRNS', trns)
    return data + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
def png(name, w, h, ctype, depth, rows, **kw):
    open(d + '/' + name, 'wb').write(png_bytes(w, h, ctype, depth, b''.join(b'\x00' + r for r in rows), **kw))

def paeth(a, b, c):
    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)
def filtered(rows, bpp):
    # Row y uses filter type y % 5 (None, Sub, Up, Average, Paeth), as PNG's specification defines them.
    out, prev = b'', bytes(len(rows[0]))
    for y, r in enumerate(rows):
        t = y % 5
        f = bytearray()
        for i, x in enumerate(r):
            a = r[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            f.append((x - [0, a, b, (a + b) // 2, paeth(a, b, c)][t]) & 255)
        out += bytes([t]) + bytes(f)
        prev = r
    return out

# 8-bit gray, 16x16: value x*16 + y.
png('gray8.png', 16, 16, 0, 8, [bytes([x * 16 + y for x in range(16)]) for y in range(16)])
# 1-bit gray, 16x16: left 8 columns black, right 8 white (one byte per 8 pixels).
png('gray1.png', 16, 16, 0, 1, [bytes([0x00, 0xFF])] * 16)
# 16-bit RGBA: every sample is b·257 (exactly b/255), so any correct 16→8 reduction gives b.
png('rgba16.png', 16, 16, 6, 16, [b''.join(struct.pack('>HHHH', 200 * 257, 100 * 257, 50 * 257, 128 * 257) for _ in range(16))] * 16)
# Palette with tRNS: index 0 red opaque, index 1 blue with alpha 64, index 2 green (no tRNS entry: opaque).
png('palette_trns.png', 16, 16, 3, 8, [bytes([0, 1, 2, 0] * 4)] * 16, palette=bytes([255, 0, 0, 0, 0, 255, 0, 255, 0]), trns=bytes([255, 64]))
# RGB with every filter type on a gradient, so each filter's arithmetic is exercised.
grad = [bytes(v for x in range(16) for v in ((x * 13 + y * 7) % 256, (x * 5 + y * 17) % 256, (x * y) % 256)) for y in range(16)]
open(d + '/filters.png', 'wb').write(png_bytes(16, 16, 2, 8, filtered(grad, 3)))
# Adam7-interlaced RGB of the same gradient.
passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
raw = b''
for x0, y0, dx, dy in passes:
    for y in range(y0, 16, dy):
        raw += b'\x00' + b''.join(grad[y][3 * x:3 * x + 3] for x in range(x0, 16, dx))
open(d + '/interlaced.png', 'wb').write(png_bytes(16, 16, 2, 8, raw, interlace=1))
open(d + '/gradient.bin', 'wb').write(b''.join(grad))

# TGA 32 bpp BGRA, bottom-left origin (descriptor: 8 alpha bits, bit 5 clear): the first stored row is the bottom one.
top, bottom = (200, 100, 50, 128), (10, 20, 240, 255)
rows = [top if y < 8 else bottom for y in range(16)]
tga = struct.pack('<BBBHHBHHHHBB', 0, 0, 2, 0, 0, 0, 0, 0, 16, 16, 32, 0x08)
tga += b''.join(bytes([c[2], c[1], c[0], c[3]]) * 16 for c in reversed(rows))
open(d + '/bgra_bottomup.tga', 'wb').write(tga)
# TGA RLE true colour (type 10), 24 bpp, top-left: row 0 as one raw packet, the others as one run packet each.
tga = struct.pack('<BBBHHBHHHHBB', 0, 0, 10, 0, 0, 0, 0, 0, 16, 16, 24, 0x20)
for y, c in enumerate(rows):
    px = bytes([c[2], c[1], c[0]])
    tga += bytes([15]) + px * 16 if y == 0 else bytes([0x80 | 15]) + px
open(d + '/rle.tga', 'wb').write(tga)
# TGA 8-bit grayscale (type 3), top-left: value 16·y.
tga = struct.pack('<BBBHHBHHHHBB', 0, 0, 3, 0, 0, 0, 0, 0, 16, 16, 8, 0x20) + b''.join(bytes([16 * y]) * 16 for y in range(16))
open(d + '/gray.tga', 'wb').write(tga)

# BMP 24 bpp, 15 px wide (rows padded from 45 to 48 bytes), top-down (negative height).
def bmp(name, w, h, bpp, rows, palette=b'', colours=0):
    pixels = b''.join(rows)
    off = 54 + len(palette)
    hdr = b'BM' + struct.pack('<IHHI', off + len(pixels), 0, 0, off) + struct.pack('<IiiHHIIiiII', 40, w, h, 1, bpp, 0, len(pixels), 2835, 2835, colours, 0)
    open(d + '/' + name, 'wb').write(hdr + palette + pixels)
bmp('topdown.bmp', 15, -16, 24, [bytes([c[2], c[1], c[0]]) * 15 + b'\x00' * 3 for c in rows])
# BMP 8 bpp with a two-colour palette (BGRA0 entries), bottom-up: index 1 on the top half.
bmp('palette8.bmp', 16, 16, 8, [bytes([1 if y < 8 else 0]) * 16 for y in reversed(range(16))],
    palette=bytes([240, 20, 10, 0, 50, 100, 200, 0]), colours=2)

# JPEG, 8x8, DC only: quantisation all 1, so a block of level L has DC 8·(L − 128). DC table: categories 0–11,
# all 4-bit codes (code = category); AC table: EOB alone, code '0'. Bits are padded with 1s and 0xFF is stuffed.
def seg(m, b): return b'\xff' + bytes([m]) + struct.pack('>H', len(b) + 2) + b
def jpeg(name, levels, ids, adobe=None, jfif=False):
    n = len(levels)
    out = b'\xff\xd8'
    if jfif: out += seg(0xe0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00')
    if adobe is not None: out += seg(0xee, b'Adobe' + struct.pack('>HHHB', 100, 0, 0, adobe))
    out += seg(0xdb, b'\x00' + b'\x01' * 64)
    out += seg(0xc0, struct.pack('>BHHB', 8, 8, 8, n) + b''.join(bytes([i, 0x11, 0]) for i in ids))
    out += seg(0xc4, b'\x00' + bytes([0, 0, 0, 12] + [0] * 12) + bytes(range(12)))
    out += seg(0xc4, b'\x10' + bytes([1] + [0] * 15) + b'\x00')
    out += seg(0xda, bytes([n]) + b''.join(bytes([i, 0]) for i in ids) + b'\x00\x3f\x00')
    bits = ''
    for level in levels:
        v = 8 * (level - 128)
        cat = abs(v).bit_length()
        bits += format(cat, '04b') + (format(v if v > 0 else v + (1 << cat) - 1, '0%db' % cat) if cat else '') + '0'
    bits += '1' * (-len(bits) % 8)
    data = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)).replace(b'\xff', b'\xff\x00')
    open(d + '/' + name, 'wb').write(out + data + b'\xff\xd9')
jpeg('ycbcr.jpg', [100, 90, 200], [1, 2, 3], jfif=True)
jpeg('cmyk.jpg', [200, 100, 50, 128], [1, 2, 3, 4], adobe=0)
""";

        // Headers that claim huge sizes over a few bytes of data, and good files cut short.
        public const string Crafted = """
import struct, zlib, sys
d = sys.argv[1]
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
def png(w, h, ctype, raw):
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(d + '/huge.png', 'wb').write(png(60000, 60000, 6, b'\x00' * 1000))
open(d + '/tall.png', 'wb').write(png(16, 60000, 0, b'\x00' * 1000))
open(d + '/many.png', 'wb').write(png(10000, 10000, 0, b'\x00' * 1000))
def seg(m, b): return b'\xff' + bytes([m]) + struct.pack('>H', len(b) + 2) + b
jpg = b'\xff\xd8' + seg(0xdb, b'\x00' + b'\x01' * 64) + seg(0xc0, struct.pack('>BHHB', 8, 60000, 60000, 1) + b'\x01\x11\x00')
jpg += seg(0xc4, b'\x00' + b'\x01' + b'\x00' * 15 + b'\x0a') + seg(0xc4, b'\x10' + b'\x01' + b'\x00' * 15 + b'\x00')
open(d + '/huge.jpg', 'wb').write(jpg + seg(0xda, b'\x01\x01\x00\x00\x3f\x00') + b'\x48\x0f' + b'\xff\xd9')
open(d + '/huge.bmp', 'wb').write(b'BM' + struct.pack('<IHHI', 54 + 64, 0, 0, 54) + struct.pack('<IiiHHIIiiII', 40, 60000, 60000, 1, 24, 0, 0, 2835, 2835, 0, 0) + b'\x00' * 64)
open(d + '/huge.tga', 'wb').write(struct.pack('<BBBHHBHHHHBB', 0, 0, 2, 0, 0, 0, 0, 0, 30000, 30000, 24, 0x20) + b'\x00' * 64)
open(d + '/max.tga', 'wb').write(struct.pack('<BBBHHBHHHHBB', 0, 0, 2, 0, 0, 0, 0, 0, 65535, 65535, 24, 0x20) + b'\x00' * 64)
tga = struct.pack('<BBBHHBHHHHBB', 0, 0, 2, 0, 0, 0, 0, 0, 16, 16, 24, 0x20)
open(d + '/truncated.tga', 'wb').write(tga + b'\x80' * 100)
open(d + '/empty.png', 'wb').write(b'')
good = png(64, 64, 6, b''.join(b'\x00' + bytes(range(256)) for _ in range(64)))
open(d + '/good.png', 'wb').write(good)
open(d + '/truncated.png', 'wb').write(good[:len(good) // 2])
open(d + '/header_only.png', 'wb').write(good[:33])
bmp = b'BM' + struct.pack('<IHHI', 54 + 768, 0, 0, 54) + struct.pack('<IiiHHIIiiII', 40, 16, 16, 1, 24, 0, 768, 2835, 2835, 0, 0)
open(d + '/truncated.bmp', 'wb').write(bmp + b'\x80' * 100)
open(d + '/truncated.jpg', 'wb').write(jpg[:40])
small = jpg.replace(struct.pack('>HH', 60000, 60000), struct.pack('>HH', 8, 8)) + seg(0xda, b'\x01\x01\x00\x00\x3f\x00') + b'\x48\x0f'
open(d + '/no_eoi.jpg', 'wb').write(small)
open(d + '/complete.jpg', 'wb').write(small + b'\xff\xd9')
""";

        /// <summary>Writes every format fixture (<see cref="Writers"/>) into <paramref name="dir"/>.</summary>
        public static void Make(string dir) => Write(Writers, dir);

        /// <summary>Runs one of the writer scripts on <paramref name="dir"/>.</summary>
        /// <exception cref="InvalidOperationException">The script failed (its output is the message).</exception>
        public static void Write(string script, string dir)
        {
            var (code, output) = TestDirs.Python(script, dir);
            if (code != 0) throw new InvalidOperationException($"fixture writer failed ({code}): {output}");
        }
    }
}
