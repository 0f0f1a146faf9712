using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Valuation;

/// <summary>
/// Orders training points by their squared Euclidean distance to a query point, exactly enough that near-ties order
/// as an exact computation would: every distance is Σₖ (xₖ − yₖ)² over direct differences in double (a float
/// difference, and its square, are exact in double; only the d-term sum rounds), and the order is (distance, index),
/// so ties go to the lowest index.
/// </summary>
/// <remarks>
/// Distances are computed four queries at a time so that each training row, widened to double once, serves four
/// queries. Sorting is a stable two-pass LSD radix sort (11-bit digits) on the 32-bit pattern of the distance rounded
/// to float, less its minimum and shifted right until the range fits 22 bits (rounding and shifting are monotone, so
/// the key order never contradicts the double order), after which runs of equal keys are put in (double distance,
/// index) order. The cost per query is O(n·d) for distances plus O(n) for the sort.
/// </remarks>
internal sealed unsafe class ExactNeighbourOrder
{
    private const int RadixBits = 11;
    private const int Buckets = 1 << RadixBits;
    private const int Passes = 2;

    private readonly int _n;
    private readonly uint[] _keys;
    private readonly uint[] _keysSwap;
    private readonly int[] _order;
    private readonly int[] _orderSwap;
    private readonly int[] _histograms = new int[Passes * Buckets];
    private DistanceIndex[] _run = new DistanceIndex[64];

    /// <summary>Creates reusable scratch space for ordering <paramref name="n"/> training points.</summary>
    public ExactNeighbourOrder(int n)
    {
        _n = n;
        _keys = new uint[n];
        _keysSwap = new uint[n];
        _order = new int[n];
        _orderSwap = new int[n];
    }

    /// <summary>
    /// Writes dist[q·n + j] = ‖x_q − y_j‖² for the <paramref name="queryCount"/> queries (rows of doubles of length
    /// <paramref name="queryStride"/> at <paramref name="queries"/>) against every training row of <paramref name="training"/>.
    /// </summary>
    public static void SquaredDistances(double* queries, int queryCount, int queryStride, MatrixView training, Span<double> dist)
    {
        int n = training.Height;
        int q = 0;
        for (; q + 4 <= queryCount; q += 4)
        {
            double* x0 = queries + (q * queryStride);
            for (int j = 0; j < n; j++)
            {
                Distances4(x0, queryStride, training.Row(j), training.Width, out double d0, out double d1, out double d2, out double d3);
                dist[(q * n) + j] = d0;
                dist[((q + 1) * n) + j] = d1;
                dist[((q + 2) * n) + j] = d2;
                dist[((q + 3) * n) + j] = d3;
            }
        }

        for (; q < queryCount; q++)
        {
            double* x = queries + (q * queryStride);
            for (int j = 0; j < n; j++)
            {
                dist[(q * n) + j] = PreciseDistance.SquaredEuclidean(x, training.Row(j), training.Width);
            }
        }
    }

    /// <summary>
    /// Returns the training indices sorted by (<paramref name="dist"/>[j], j); the span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> Sort(ReadOnlySpan<double> dist)
    {
        int n = _n;
        uint min = uint.MaxValue, max = 0;
        for (int j = 0; j < n; j++)
        {
            // dist ≥ 0 (a sum of squares starting from +0), so the float bit pattern orders as the float value.
            uint bits = BitConverter.SingleToUInt32Bits((float)dist[j]);
            _keys[j] = bits;
            min = Math.Min(min, bits);
            max = Math.Max(max, bits);
        }

        // Drop low bits until the key range fits the two radix passes; coarser keys still never contradict the
        // distance order, and the runs they merge are resolved by comparing distances below.
        int shift = Math.Max(0, 32 - BitOperations.LeadingZeroCount(max - min) - (Passes * RadixBits));
        Span<int> histograms = _histograms;
        histograms.Clear();
        for (int j = 0; j < n; j++)
        {
            uint key = (_keys[j] - min) >> shift;
            _keys[j] = key;
            _order[j] = j;
            histograms[(int)(key & (Buckets - 1))]++;
            histograms[Buckets + (int)(key >> RadixBits)]++;
        }

        uint[] keys = _keys, keysOut = _keysSwap;
        int[] order = _order, orderOut = _orderSwap;
        for (int pass = 0; pass < Passes; pass++)
        {
            Span<int> counts = histograms.Slice(pass * Buckets, Buckets);
            int digitShift = pass * RadixBits;
            if (counts[(int)((keys[0] >> digitShift) & (Buckets - 1))] == n)
            {
                continue; // every key has the same digit: the pass would not move anything
            }

            int offset = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = counts[b];
                counts[b] = offset;
                offset += c;
            }

            for (int j = 0; j < n; j++)
            {
                uint key = keys[j];
                int slot = counts[(int)((key >> digitShift) & (Buckets - 1))]++;
                keysOut[slot] = key;
                orderOut[slot] = order[j];
            }

            (keys, keysOut) = (keysOut, keys);
            (order, orderOut) = (orderOut, order);
        }

        ResolveEqualKeys(keys, order, dist);
        return order;
    }

    /// <summary>Puts each run of equal keys (already in index order, the sort being stable) in (distance, index) order.</summary>
    private void ResolveEqualKeys(uint[] keys, int[] order, ReadOnlySpan<double> dist)
    {
        int n = _n;
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                SortRun(order.AsSpan(start, end - start), dist);
            }

            start = end;
        }
    }

    private void SortRun(Span<int> run, ReadOnlySpan<double> dist)
    {
        if (run.Length <= 32)
        {
            // Insertion sort: stable, so equal distances keep their ascending index order.
            for (int a = 1; a < run.Length; a++)
            {
                int index = run[a];
                double value = dist[index];
                int b = a - 1;
                while (b >= 0 && dist[run[b]] > value)
                {
                    run[b + 1] = run[b];
                    b--;
                }

                run[b + 1] = index;
            }

            return;
        }

        if (_run.Length < run.Length)
        {
            _run = new DistanceIndex[Math.Max(run.Length, 2 * _run.Length)];
        }

        Span<DistanceIndex> pairs = _run.AsSpan(0, run.Length);
        for (int a = 0; a < run.Length; a++)
        {
            pairs[a] = new DistanceIndex(dist[run[a]], run[a]);
        }

        pairs.Sort();
        for (int a = 0; a < run.Length; a++)
        {
            run[a] = pairs[a].Index;
        }
    }

    /// <summary>Four queries (rows x0, x0 + stride, …) against one training row; each result bit-identical to
    /// <see cref="PreciseDistance.SquaredEuclidean(double*, float*, int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Distances4(double* x0, int stride, float* y, int d, out double d0, out double d1, out double d2, out double d3)
    {
        double* x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
        Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        int k = 0;
        for (; k + 4 <= d; k += 4)
        {
            Vector256<double> yk = PreciseDistance.Widen4(y + k);
            Vector256<double> e0 = Vector256.Load(x0 + k) - yk;
            Vector256<double> e1 = Vector256.Load(x1 + k) - yk;
            Vector256<double> e2 = Vector256.Load(x2 + k) - yk;
            Vector256<double> e3 = Vector256.Load(x3 + k) - yk;
            a0 = Vector256.FusedMultiplyAdd(e0, e0, a0);
            a1 = Vector256.FusedMultiplyAdd(e1, e1, a1);
            a2 = Vector256.FusedMultiplyAdd(e2, e2, a2);
            a3 = Vector256.FusedMultiplyAdd(e3, e3, a3);
        }

        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (; k < d; k++)
        {
            double yk = y[k];
            double e0 = x0[k] - yk, e1 = x1[k] - yk, e2 = x2[k] - yk, e3 = x3[k] - yk;
            t0 += e0 * e0;
            t1 += e1 * e1;
            t2 += e2 * e2;
            t3 += e3 * e3;
        }

        d0 = Vector256.Sum(a0) + t0;
        d1 = Vector256.Sum(a1) + t1;
        d2 = Vector256.Sum(a2) + t2;
        d3 = Vector256.Sum(a3) + t3;
    }

    private readonly record struct DistanceIndex(double Distance, int Index) : IComparable<DistanceIndex>
    {
        public int CompareTo(DistanceIndex other)
        {
            int c = Distance.CompareTo(other.Distance);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
