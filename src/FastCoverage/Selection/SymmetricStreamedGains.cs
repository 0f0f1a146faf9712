using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Every candidate's gain at once when the candidates are the represented set (the pool covering itself), computing each
/// pair of chunks once: the piece for candidate block I × represented chunk J (J ≥ I, blocks and chunks the same
/// position ranges) also serves, transposed, as chunk I of the candidates in block J, since the Gram entries are
/// bitwise symmetric (the same fused multiply-add chain and commutative epilogue). Half the Gram work of
/// <see cref="StreamedGains"/> for the all-candidate pass (lazy greedy's first step).
/// </summary>
/// <remarks>
/// Exactness: a candidate's gain is the same chain as in <see cref="StreamedGains"/> — element i of U's packed order
/// added to lane i mod 64 of its accumulators in ascending i, then the same finish. Block I's accumulators receive chunks
/// 0 … I − 1 from the transposed pieces (I', I) in ascending I' (a per-block counter makes the worker of block I' wait
/// for the one of I' − 1; the worker with the smallest block never waits, so this cannot deadlock), then chunks I …
/// from its own row of pieces in ascending J, row by row as in <see cref="StreamedGains"/>. So every gain is bit-identical
/// to <see cref="StreamedGains"/>'s, whatever the thread count or scheduling.
/// </remarks>
internal static unsafe class SymmetricStreamedGains
{
    /// <summary>Gains of all positions of U's packed order, written to <paramref name="gains"/>[candidate at that position].</summary>
    /// <param name="represented">U packed (in the order of <paramref name="rows"/>).</param>
    /// <param name="rows">The candidates (the same points as U), by candidate index.</param>
    /// <param name="candidateAt">Candidate index at each packed position (null: the position itself).</param>
    /// <param name="coverage">curᵢ in the packed order.</param>
    /// <param name="gains">Gains by candidate index.</param>
    /// <param name="maxDegreeOfParallelism">Threads; -1 for all cores.</param>
    /// <param name="bounds">Per candidate and chunk bounds to record, or null.</param>
    public static void Run(GramRowSource represented, ReadOnlySpan2D<float> rows, int[]? candidateAt, ReadOnlySpan<float> coverage, Span<float> gains, int maxDegreeOfParallelism, ChunkBounds? bounds)
    {
        int m = represented.Count;
        int chunks = StreamedGains.ChunkCount(m);
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        float[] result = new float[m];
        fixed (float* px = &Unsafe.AsRef(in rows.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pCoverage = coverage)
        {
            var job = new Job(represented, new MatrixView(px, rows.Height, rows.Width, MatrixView.StrideOf(rows)), pCoverage, result, chunks, bounds, candidateAt);
            if (threads == 1)
            {
                job.Work(0);
            }
            else
            {
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.Work);
            }
        }

        for (int q = 0; q < m; q++)
        {
            gains[candidateAt is null ? q : candidateAt[q]] = result[q];
        }
    }

    private sealed class Job(GramRowSource represented, MatrixView rows, float* coverage, float[] result, int chunks, ChunkBounds? bounds, int[]? candidateAt)
    {
        /// <summary>Per block, the transposed accumulators: lane k (0..63) of every candidate of the block, lane-major.</summary>
        private readonly float[][] transposed = CreateTransposed(represented.Count, chunks);

        /// <summary>Per block, how many transposed chunks (0, 1, …) it has received.</summary>
        private readonly int[] received = new int[chunks];

        private int next = -1;

        private static float[][] CreateTransposed(int m, int chunks)
        {
            var state = new float[chunks][];
            for (int c = 0; c < chunks; c++)
            {
                state[c] = new float[GainAccumulator512.BlockLength * StreamedGains.Chunk(c, m).Width];
            }

            return state;
        }

        public void Work(int worker)
        {
            int block;
            while ((block = Interlocked.Increment(ref next)) < chunks)
            {
                RunBlock(block);
            }
        }

        private int Candidate(int position) => candidateAt is null ? position : candidateAt[position];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunBlock(int block)
        {
            int m = represented.Count;
            int mr = represented.MicroKernel.Rows;
            (int i0, int count) = StreamedGains.Chunk(block, m);
            int panels = (count + mr - 1) / mr;
            StreamedGains.Scratch local = StreamedGains.ScratchFor(panels * mr);
            float* buffer = local.Buffer;
            Span<GainAccumulator512> sums = local.Sums.AsSpan(0, count);
            PackedRows packed = Pack(i0, count);
            KernelKind kind = represented.Kernel.Kind;
            var cur = new ReadOnlySpan<float>(coverage, m);

            // Chunks 0 … block − 1 arrive transposed from the blocks before; then this block's lanes become row sums.
            WaitFor(block, block);
            Span<float> lanes = MemoryMarshal.Cast<GainAccumulator512, float>(sums);
            float[] state = transposed[block];
            for (int k = 0; k < GainAccumulator512.BlockLength; k++)
            {
                for (int r = 0; r < count; r++)
                {
                    lanes[(r * GainAccumulator512.BlockLength) + k] = state[(k * count) + r];
                }
            }

            transposed[block] = [];
            Span<float> columnMax = stackalloc float[StreamedGains.ChunkColumns + GainAccumulator512.BlockLength];
            for (int chunk = block; chunk < chunks; chunk++)
            {
                (int c0, int width) = StreamedGains.Chunk(chunk, m);
                bool last = chunk == chunks - 1;
                represented.ComputeBlock(packed, c0, width, buffer, StreamedGains.Stride);
                ReadOnlySpan<float> curChunk = cur.Slice(c0, width);
                for (int r = 0; r < count; r++)
                {
                    var piece = new Span<float>(buffer + ((nint)r * StreamedGains.Stride), width);
                    NonnegativeSimilarity.Apply(kind, piece);
                    bounds?.Record(Candidate(i0 + r), chunk, System.Numerics.Tensors.TensorPrimitives.Max(piece));
                    if (StreamedGains.Fold(ref sums[r], piece, curChunk, c0 == 0, last, out float gain))
                    {
                        result[i0 + r] = gain;
                    }
                }

                if (chunk > block)
                {
                    // The transposed piece is chunk `block` of the candidates in block `chunk`, in ascending row order.
                    WaitFor(chunk, block);
                    AddTransposed(transposed[chunk], buffer, count, width, cur.Slice(i0, count), columnMax[..width]);
                    Volatile.Write(ref received[chunk], block + 1);
                    for (int q = 0; q < width; q++)
                    {
                        bounds?.Record(Candidate(c0 + q), block, columnMax[q]);
                    }
                }
            }
        }

        /// <summary>The candidates at positions [i0, i0 + count), packed (gathered first when positions are not rows).</summary>
        private PackedRows Pack(int i0, int count)
        {
            if (candidateAt is null)
            {
                return represented.PackRows(rows, i0, i0 + count, maxDegreeOfParallelism: 1);
            }

            int d = rows.Width;
            float[] gathered = new float[count * d];
            for (int r = 0; r < count; r++)
            {
                new ReadOnlySpan<float>(rows.Row(candidateAt[i0 + r]), d).CopyTo(gathered.AsSpan(r * d, d));
            }

            fixed (float* pg = gathered)
            {
                return represented.PackRows(new MatrixView(pg, count, d, d), 0, count, maxDegreeOfParallelism: 1);
            }
        }

        /// <summary>
        /// state[(i mod 64)·width + q] += max(s(i, q) − curᵢ, 0) over the piece's rows i in ascending order, and
        /// columnMax[q] = max over i. Column strip by strip of 16, so that a strip's 64 lanes (4 KB) stay in L1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void AddTransposed(float[] state, float* buffer, int count, int width, ReadOnlySpan<float> curRows, Span<float> columnMax)
        {
            const int Lanes = GainAccumulator512.BlockLength;
            fixed (float* pState = state)
            fixed (float* pMax = columnMax)
            fixed (float* pCur = curRows)
            {
                int q = 0;
                for (; q + 16 <= width; q += 16)
                {
                    Vector512<float> largest = Vector512<float>.Zero;
                    for (int r = 0; r < count; r++)
                    {
                        Vector512<float> s = Vector512.Load(buffer + ((nint)r * StreamedGains.Stride) + q);
                        float* lane = pState + ((nint)(r % Lanes) * width) + q;
                        (Vector512.Load(lane) + PositivePartOfDifference.Invoke(s, Vector512.Create(pCur[r]))).Store(lane);
                        largest = Vector512.Max(largest, s);
                    }

                    largest.Store(pMax + q);
                }

                for (; q < width; q++)
                {
                    float largest = 0f;
                    for (int r = 0; r < count; r++)
                    {
                        float s = buffer[((nint)r * StreamedGains.Stride) + q];
                        pState[((nint)(r % Lanes) * width) + q] += PositivePartOfDifference.Invoke(s, pCur[r]);
                        largest = MathF.Max(largest, s);
                    }

                    pMax[q] = largest;
                }
            }
        }

        private void WaitFor(int block, int count)
        {
            // The wait is usually shorter than a piece (≈ 0.1 ms): spin and yield, never sleep a whole millisecond.
            var spin = default(SpinWait);
            while (Volatile.Read(ref received[block]) != count)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
