namespace FastCoverage.Kernels.MicroKernels;

/// <summary>
/// Picks the Gram micro-kernel at start-up: the widest one this processor runs in hardware, unless the environment
/// variable <c>FASTCOVERAGE_GRAM_KERNEL</c> (scalar, vector256 or vector512) forces one.
/// </summary>
/// <remarks>
/// Measured on a 2-core AMD EPYC (Zen 4) VM: the 14×32 AVX-512 tile is the fastest; the 6×16 AVX2 tile keeps to the
/// sixteen registers of AVX2-only processors; the scalar tile is the portable fallback and the reference path.
/// All of them compute bitwise identical results, so the choice only changes speed.
/// </remarks>
internal static class GramMicroKernels
{
    /// <summary>The environment variable that forces a micro-kernel.</summary>
    public const string EnvironmentVariable = "FASTCOVERAGE_GRAM_KERNEL";

    /// <summary>The portable scalar micro-kernel (always available).</summary>
    public static GramMicroKernel Scalar { get; } = new ScalarFmaTile4x4();

    /// <summary>Every micro-kernel this processor can run, narrowest first.</summary>
    public static IReadOnlyList<GramMicroKernel> Available { get; } = CreateAvailable();

    private static GramMicroKernel? chosen;

    /// <summary>The micro-kernel the public API uses: the one <c>FASTCOVERAGE_GRAM_KERNEL</c> names, else the widest.</summary>
    /// <exception cref="ArgumentException">The environment variable names an unknown or unavailable kernel.</exception>
    public static GramMicroKernel Default => chosen ??= Select(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The kernel named <paramref name="name"/>, or the widest available when the name is null or empty.</summary>
    /// <exception cref="ArgumentException">The name is unknown or names a kernel this processor cannot run.</exception>
    public static GramMicroKernel Select(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Available[^1];
        }

        foreach (GramMicroKernel kernel in Available)
        {
            if (string.Equals(kernel.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kernel;
            }
        }

        throw new ArgumentException(
            $"{EnvironmentVariable}='{name}' is not one of the kernels this processor runs: {string.Join(", ", Available.Select(k => k.Name))}.",
            nameof(name));
    }

    private static GramMicroKernel[] CreateAvailable()
    {
        var kernels = new List<GramMicroKernel> { Scalar };
        if (Fma256Tile6x16.IsSupported)
        {
            kernels.Add(new Fma256Tile6x16());
        }

        if (Fma512Tile14x32.IsSupported)
        {
            kernels.Add(new Fma512Tile14x32());
        }

        return [.. kernels];
    }
}
