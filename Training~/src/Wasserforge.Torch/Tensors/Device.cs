using System;
using System.Globalization;

namespace Wasserforge.Torch
{
    /// <summary>Kind of compute device.</summary>
    public enum DeviceType
    {
        /// <summary>The CPU.</summary>
        CPU = 0,
        /// <summary>An NVIDIA GPU.</summary>
        CUDA = 1,
    }

    /// <summary>A device such as <c>cpu</c> or <c>cuda:0</c>.</summary>
    public readonly struct Device : IEquatable<Device>
    {
        /// <summary>Device kind.</summary>
        public DeviceType Type { get; }
        /// <summary>Device index (-1: default).</summary>
        public int Index { get; }

        /// <summary>Creates a device.</summary>
        public Device(DeviceType type, int index = -1) { Type = type; Index = type == DeviceType.CPU ? -1 : index; }

        /// <summary>The CPU.</summary>
        public static Device CPU => new Device(DeviceType.CPU);
        /// <summary>CUDA device <paramref name="index"/>.</summary>
        public static Device CUDA(int index = 0) => new Device(DeviceType.CUDA, index);

        /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
        /// <exception cref="FormatException">Anything else.</exception>
        public static Device Parse(string text)
        {
            var t = (text ?? "").Trim().ToLowerInvariant();
            if (t == "cpu") return CPU;
            if (t == "cuda") return CUDA(0);
            if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out var i)) return CUDA(i);
            throw new FormatException($"'{text}' is not a device: use cpu, cuda or cuda:N.");
        }

        /// <inheritdoc/>
        public override string ToString() => Type == DeviceType.CPU ? "cpu" : Index < 0 ? "cuda" : "cuda:" + Index;
        /// <inheritdoc/>
        public bool Equals(Device other) => Type == other.Type && (Type == DeviceType.CPU || Math.Max(0, Index) == Math.Max(0, other.Index));
        /// <inheritdoc/>
        public override bool Equals(object obj) => obj is Device d && Equals(d);
        /// <inheritdoc/>
        public override int GetHashCode() => (int)Type * 31 + Math.Max(0, Index);
    }
}
