namespace FastCoverage.IO;

/// <summary>The element types of .npy files that FastCoverage reads and writes (all little-endian).</summary>
public enum NpyDType
{
    /// <summary>32-bit IEEE float, numpy '&lt;f4'.</summary>
    Float32,

    /// <summary>64-bit IEEE float, numpy '&lt;f8'.</summary>
    Float64,

    /// <summary>32-bit signed integer, numpy '&lt;i4'.</summary>
    Int32,

    /// <summary>64-bit signed integer, numpy '&lt;i8'.</summary>
    Int64,
}
