namespace Wasserforge.Torch
{
    /// <summary>Element types (codes shared with the shim).</summary>
    public enum ScalarType
    {
        /// <summary>float32.</summary>
        Float32 = 0,
        /// <summary>float64.</summary>
        Float64 = 1,
        /// <summary>int64.</summary>
        Int64 = 2,
        /// <summary>bool.</summary>
        Bool = 3,
        /// <summary>uint8.</summary>
        Byte = 4,
    }
}
