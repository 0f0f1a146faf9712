using System.Diagnostics;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A similarity source wrapper for the profiling harnesses: counts gain evaluations and batches and times the gain and
/// cover calls (Stopwatch ticks). Bounds are passed through when the inner source gives them (<see cref="Bounds"/>
/// counts them).
/// </summary>
internal sealed class CountingSource(ISimilaritySource inner) : ISimilaritySource, IGainBoundSource
{
    public long Evaluations { get; private set; }

    public long Batches { get; private set; }

    public Dictionary<int, int> Sizes { get; } = [];

    public int RepresentedCount => inner.RepresentedCount;

    public int CandidateCount => inner.CandidateCount;

    public float Gain(int candidate, ReadOnlySpan<float> coverage) => inner.Gain(candidate, coverage);

    public void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        Evaluations += candidates.Length;
        Batches++;
        Sizes[candidates.Length] = Sizes.GetValueOrDefault(candidates.Length) + 1;
        long t0 = Stopwatch.GetTimestamp();
        inner.Gains(candidates, coverage, gains, maxDegreeOfParallelism);
        GainTicks += Stopwatch.GetTimestamp() - t0;
    }

    public void GainsOrBounds(ReadOnlySpan<int> candidates, float[] coverage, Span<float> values, bool[] isBound, int maxDegreeOfParallelism, float usefulBelow)
    {
        if (inner is not IGainBoundSource bounding)
        {
            foreach (int j in candidates)
            {
                isBound[j] = false;
            }

            Gains(candidates, coverage, values, maxDegreeOfParallelism);
            return;
        }

        Evaluations += candidates.Length;
        Batches++;
        long t0 = Stopwatch.GetTimestamp();
        bounding.GainsOrBounds(candidates, coverage, values, isBound, maxDegreeOfParallelism, usefulBelow);
        GainTicks += Stopwatch.GetTimestamp() - t0;
        foreach (int j in candidates)
        {
            Bounds += isBound[j] ? 1 : 0;
        }
    }

    /// <summary>Re-evaluations answered with a bound.</summary>
    public long Bounds { get; private set; }

    public long GainTicks { get; private set; }

    public long CoverTicks { get; private set; }

    public void Cover(int candidate, Span<float> coverage)
    {
        long t0 = Stopwatch.GetTimestamp();
        inner.Cover(candidate, coverage);
        CoverTicks += Stopwatch.GetTimestamp() - t0;
    }
}
