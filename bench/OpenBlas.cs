using System.Runtime.InteropServices;

namespace FastCoverage.Bench;

/// <summary>
/// The CBLAS entry points of OpenBLAS (Debian package libopenblas0-pthread, <c>libopenblas.so.0</c>) used as the
/// reference in the Gram benchmarks. <c>OPENBLAS_CORETYPE=SkylakeX</c> in the environment before the library loads makes
/// it run its AVX-512 kernels.
/// </summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;
    private const int Upper = 121;

    /// <summary>C (n×m) = X (n×d) · Yᵀ (d×m), all row-major.</summary>
    public static void MultiplyTransposed(float* x, float* y, float* c, int n, int m, int d) =>
        cblas_sgemm(RowMajor, NoTranspose, Transpose, n, m, d, 1f, x, d, y, d, 0f, c, m);

    /// <summary>The upper triangle of C (n×n) = X·Xᵀ (ssyrk).</summary>
    public static void SymmetricRankK(float* x, float* c, int n, int d) =>
        cblas_ssyrk(RowMajor, Upper, NoTranspose, n, d, 1f, x, d, 0f, c, n);

    /// <summary>Sets OpenBLAS's thread count.</summary>
    public static void SetThreads(int threads) => openblas_set_num_threads(threads);

    /// <summary>The name of the kernel family OpenBLAS picked (e.g. Haswell, SkylakeX).</summary>
    public static string CoreName => Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?";

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void cblas_ssyrk(int order, int uplo, int trans, int n, int k, float alpha, float* a, int lda, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);

    [LibraryImport(Library)]
    private static partial nint openblas_get_corename();
}
