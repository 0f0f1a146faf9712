using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Facility-location gains Σᵢ max(sᵢⱼ − curᵢ, 0) of candidate rows against a packed represented set, computed piece by
/// piece in cache: a block of candidate rows (whole micro-kernel panels, at most <see cref="RowPanels"/> of them) times a
/// chunk of <see cref="ChunkColumns"/> represented columns is computed by the Gram core's micro-kernel and epilogue into a
/// per-thread buffer, mapped to s ≥ 0 and folded into each row's <see cref="GainAccumulator512"/>; chunks are visited in
/// ascending order and the last one finishes the sum. Nothing of the |U|-long columns is written to memory.
/// </summary>
/// <remarks>
/// Exactness: every entry is the Gram core's (<see cref="GramRowSource.ComputeBlock"/>), and every gain is the
/// Vector512 reduction of <see cref="FacilityGainKernel"/> over the whole column, fed in chunks that start at multiples
/// of its 64-element block, with the last chunk at least 64 long so that its overlapping masked tail reads inside it.
/// A row's reduction never depends on which other rows share its block, so the gains are bit-identical for any batch,
/// block size, thread or thread count, and equal to <see cref="FacilityGainKernel.SumInVector512Order"/> over the column.
/// </remarks>
internal static unsafe class StreamedGains
{
    /// <summary>Represented columns per piece (a multiple of 64, of every micro-kernel's NR and of 16).</summary>
    internal const int ChunkColumns = 256;

    /// <summary>Work items per thread that a batch is cut into when it is small enough.</summary>
    private const int WorkItemsPerThread = 4;

    /// <summary>Most micro-kernel panels of candidate rows per work item.</summary>
    private const int RowPanels = 16;

    /// <summary>Buffer row stride: room for the last chunk (under <see cref="ChunkColumns"/> + 64 columns) plus 16 floats.</summary>
    internal const int Stride = ChunkColumns + 64 + 16;

    [ThreadStatic]
    private static Scratch? scratch;

    /// <summary>The number of chunks of <paramref name="count"/> represented columns: [0, C), [C, 2C), …, and a last one of 64 to C + 63 (or all of a short U).</summary>
    public static int ChunkCount(int count) => (LastChunkStart(count) / ChunkColumns) + 1;

    private static int LastChunkStart(int count) =>
        count < ChunkColumns + GainAccumulator512.BlockLength ? 0 : (count - GainAccumulator512.BlockLength) / ChunkColumns * ChunkColumns;

    /// <summary>Gains of rows [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="rows"/> into <paramref name="gains"/>.</summary>
    /// <param name="represented">U, packed (in the order the coverage is given in).</param>
    /// <param name="rows">Candidate features.</param>
    /// <param name="start">First row.</param>
    /// <param name="end">End of the rows.</param>
    /// <param name="coverage">curᵢ in U's packed order.</param>
    /// <param name="gains">One gain per row.</param>
    /// <param name="maxDegreeOfParallelism">Threads; -1 for all cores.</param>
    /// <param name="bounds">Per candidate and chunk similarity bounds to skip and record pieces, or <see langword="null"/>.</param>
    /// <param name="limits">With <paramref name="bounds"/>: per chunk the largest bound byte that allows a skip (see <see cref="ChunkBounds.Limit"/>).</param>
    /// <param name="candidateIds">With <paramref name="bounds"/>: the candidate of each row in [start, end) (empty: the row index itself).</param>
    public static void Run(GramRowSource represented, ReadOnlySpan2D<float> rows, int start, int end, ReadOnlySpan<float> coverage, Span<float> gains, int maxDegreeOfParallelism, ChunkBounds? bounds = null, byte[]? limits = null, int[]? candidateIds = null)
    {
        int count = end - start;
        if (count == 0)
        {
            return;
        }

        int mr = represented.MicroKernel.Rows;
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        // At least WorkItemsPerThread blocks per thread while blocks stay above one panel: skipped pieces make blocks' costs
        // uneven, and the dynamic partitioner balances many blocks better than one per thread.
        int perItem = (count + (threads * WorkItemsPerThread) - 1) / (threads * WorkItemsPerThread);
        int blockRows = Math.Clamp((perItem + mr - 1) / mr * mr, mr, RowPanels * mr);
        int blocks = (count + blockRows - 1) / blockRows;
        fixed (float* px = &Unsafe.AsRef(in rows.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pCoverage = coverage)
        fixed (float* pGains = gains)
        {
            var job = new Job(represented, new MatrixView(px, rows.Height, rows.Width, MatrixView.StrideOf(rows)), start, end, blockRows, pCoverage, pGains)
            {
                Bounds = bounds,
                Limits = limits,
                CandidateIds = candidateIds,
            };
            if (blocks == 1 || threads == 1)
            {
                for (int b = 0; b < blocks; b++)
                {
                    job.RunBlock(b);
                }
            }
            else
            {
                Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.RunBlock);
            }
        }
    }

    /// <summary>
    /// Folds one row's mapped piece of a chunk into its running sum; on the last chunk returns the gain (true). The first
    /// and only chunk of a short U is summed in one pass in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Fold(ref GainAccumulator512 sum, ReadOnlySpan<float> piece, ReadOnlySpan<float> curChunk, bool first, bool last, out float gain)
    {
        if (!last)
        {
            sum.AddBlocks<PositivePartOfDifference>(piece, curChunk);
            gain = 0f;
            return false;
        }

        if (first)
        {
            gain = FacilityGainKernel.SumInVector512Order(piece, curChunk);
            return true;
        }

        int blocksEnd = piece.Length & ~(GainAccumulator512.BlockLength - 1);
        sum.AddBlocks<PositivePartOfDifference>(piece[..blocksEnd], curChunk[..blocksEnd]);
        gain = sum.Finish<PositivePartOfDifference>(piece, curChunk, blocksEnd);
        return true;
    }

    /// <summary>This thread's scratch for blocks of up to <paramref name="rows"/> rows (whole panels).</summary>
    internal static Scratch ScratchFor(int rows) => scratch is { } existing && existing.Rows >= rows ? existing : (scratch = new Scratch(rows));

    /// <summary>Start of chunk <paramref name="chunk"/> and its width, for <paramref name="count"/> represented columns.</summary>
    internal static (int Start, int Width) Chunk(int chunk, int count)
    {
        int c0 = chunk * ChunkColumns;
        return (c0, c0 == LastChunkStart(count) ? count - c0 : ChunkColumns);
    }

    private sealed class Job(GramRowSource represented, MatrixView rows, int start, int end, int blockRows, float* coverage, float* gains)
    {
        public ChunkBounds? Bounds { get; init; }

        public byte[]? Limits { get; init; }

        public int[]? CandidateIds { get; init; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void RunBlock(int block)
        {
            int j0 = start + (block * blockRows);
            int j1 = Math.Min(end, j0 + blockRows);
            int count = j1 - j0;
            int m = represented.Count;
            int mr = represented.MicroKernel.Rows;
            Scratch local = ScratchFor(blockRows);
            float* buffer = local.Buffer;
            Span<GainAccumulator512> sums = local.Sums.AsSpan(0, count);
            sums.Clear();
            PackedRows packed = represented.PackRows(rows, j0, j1, maxDegreeOfParallelism: 1);
            KernelKind kind = represented.Kernel.Kind;
            var cur = new ReadOnlySpan<float>(coverage, m);
            int lastStart = LastChunkStart(m);
            for (int c0 = 0, chunk = 0; c0 <= lastStart; c0 += ChunkColumns, chunk++)
            {
                bool last = c0 == lastStart;
                int width = last ? m - c0 : ChunkColumns;
                ulong panels = PanelsToCompute(j0, count, mr, chunk);
                if (panels != 0)
                {
                    represented.ComputeBlock(packed, c0, width, buffer, Stride, panels);
                }

                ReadOnlySpan<float> curChunk = cur.Slice(c0, width);
                for (int r = 0; r < count; r++)
                {
                    if ((panels & (1UL << (r / mr))) == 0)
                    {
                        // Every term of the piece is +0 (the bound proves sᵢⱼ ≤ curᵢ): the accumulators stay as they are.
                        if (last)
                        {
                            gains[j0 - start + r] = c0 == 0 ? 0f : sums[r].Total();
                        }

                        continue;
                    }

                    var piece = new Span<float>(buffer + ((nint)r * Stride), width);
                    NonnegativeSimilarity.Apply(kind, piece);
                    Bounds?.Record(Candidate(j0 + r), chunk, System.Numerics.Tensors.TensorPrimitives.Max(piece));
                    if (Fold(ref sums[r], piece, curChunk, c0 == 0, last, out float gain))
                    {
                        gains[j0 - start + r] = gain;
                    }
                }
            }
        }

        private int Candidate(int row) => CandidateIds is { } ids ? ids[row] : row;

        /// <summary>The A panels of the block with at least one row whose bound does not prove the chunk's terms zero.</summary>
        private ulong PanelsToCompute(int j0, int count, int mr, int chunk)
        {
            if (Bounds is not { } bounds)
            {
                return ulong.MaxValue;
            }

            byte limit = Limits![chunk];
            ulong panels = 0;
            for (int r = 0; r < count; r++)
            {
                if (bounds[Candidate(j0 + r), chunk] > limit)
                {
                    panels |= 1UL << (r / mr);
                    r = ((r / mr) + 1) * mr - 1;
                }
            }

            return panels;
        }
    }

    /// <summary>A worker's buffer (pinned, 64-byte aligned, row stride <see cref="Stride"/>) and running sums for blocks of up to <see cref="Rows"/> rows.</summary>
    internal sealed class Scratch
    {
        private readonly float[] storage;

        public Scratch(int rows)
        {
            Rows = rows;
            storage = GC.AllocateUninitializedArray<float>((rows * Stride) + 16, pinned: true);
            fixed (float* p = storage)
            {
                Buffer = (float*)(((nint)p + 63) & ~(nint)63);
            }

            Sums = new GainAccumulator512[rows];
        }

        public int Rows { get; }

        public float* Buffer { get; }

        public GainAccumulator512[] Sums { get; }
    }
}
