using System;
using System.IO;
using Wasserforge.Training.Config;

namespace Wasserforge.Training.Data
{
    /// <summary>Loads a folder (recursive) or a single image file, slicing atlases and resizing to the training size.</summary>
    public static partial class ImageFolderLoader
    {
        /// <summary>Supported file extensions.</summary>
        public static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".tga", ".bmp" };

        /// <summary>Loads every usable image; skipped files are listed in <paramref name="report"/>.</summary>
        /// <exception cref="DatasetException">The path does not exist or holds no usable image.</exception>
        public static ImageDataset Load(string path, DataConfig config, string cacheDirectory, TextWriter report)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new DatasetException($"{path}: no such file or folder (data.source).");
            return LoadCore(path, config, cacheDirectory, report ?? TextWriter.Null);
        }
    }
}
