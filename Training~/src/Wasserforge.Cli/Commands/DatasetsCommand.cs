using System;
using System.CommandLine;
using Wasserforge.Training.Data;
using Wasserforge.Training.Loop;

namespace Wasserforge.Cli.Commands
{
    /// <summary><c>datasets [--sheet materials|procedural -o real.png [--size 32]]</c>: lists the built-in datasets, or writes a sheet of real images of a built-in texture set.</summary>
    static class DatasetsCommand
    {
        public static Command Create(CliConsole console)
        {
            var sheet = new Option<string>("--sheet") { Description = "Write an 8x8 sheet of real images of this built-in image set (materials or procedural) instead of listing: what a model's samples compare with." };
            var output = new Option<string>("--output", "-o") { Description = "The PNG file --sheet writes." };
            var size = new Option<int>("--size") { DefaultValueFactory = _ => 32, Description = "Image size of the sheet (a power of two from 16 to 256)." };
            var cmd = new Command("datasets", "List the built-in datasets (use one as data.source in a config).") { sheet, output, size };
            cmd.SetAction(p => console.Guard(() =>
            {
                var name = p.GetValue(sheet);
                if (name == null)
                {
                    foreach (var kv in DatasetRegistry.BuiltIns) console.Out.WriteLine($"{kv.Key,-12} {kv.Value}");
                    console.Out.WriteLine("Any folder or file of PNG, JPG, TGA or BMP images works too (data.source: path, optionally data.atlas: 32x32).");
                    return 0;
                }
                if (!ProceduralTextures.TryGetPalette(name, out var palette))
                    throw new ArgumentException($"--sheet '{name}': only the {string.Join(" and ", ProceduralTextures.SourceNames)} sets are made of images (the others are 2-D toy points).");
                var path = p.GetValue(output) ?? throw new ArgumentException("--sheet needs -o FILE.png.");
                var s = p.GetValue(size);
                if (s < 16 || s > 256 || (s & (s - 1)) != 0) throw new ArgumentException($"--size {s} must be a power of two from 16 to 256.");
                const int count = 64;
                var set = ProceduralTextures.Create(count, s, ProceduralTextures.ReferenceSeed, palette);   // the images eval compares with
                var pixels = new float[count * 3 * s * s];
                for (var i = 0; i < count; i++) set.Image(i).CopyTo(pixels.AsSpan(i * 3 * s * s));
                SampleWriter.WriteGrid(path, pixels, count, 3, s, 8);
                console.Out.WriteLine($"wrote {path}: 64 real {s}x{s} images of the {name} set");
                return 0;
            }));
            return cmd;
        }
    }
}
