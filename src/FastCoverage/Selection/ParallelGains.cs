using System.Buffers;
using System.Runtime.CompilerServices;

namespace FastCoverage.Selection;

/// <summary>
/// Evaluates <see cref="IGainEvaluator.Gain"/> for many candidates on several threads. Each gain is computed by
/// one thread with the source's fixed operation sequence, so the results do not depend on the thread count.
/// </summary>
internal static class ParallelGains
{
    /// <summary>Evaluates the gains; <paramref name="chunk"/> candidates form one parallel work item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TEvaluator>(TEvaluator source, ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism, int chunk)
        where TEvaluator : IGainEvaluator
    {
        int count = candidates.Length;
        if (count <= chunk || maxDegreeOfParallelism == 1)
        {
            for (int t = 0; t < count; t++)
            {
                gains[t] = source.Gain(candidates[t], coverage);
            }

            return;
        }

        // Spans cannot cross into the parallel body, so the candidates and gains are staged in pooled arrays
        // (the coverage is already an array and is shared, not copied).
        int[] candidateCopy = ArrayPool<int>.Shared.Rent(count);
        float[] gainCopy = ArrayPool<float>.Shared.Rent(count);
        try
        {
            candidates.CopyTo(candidateCopy);
            int chunks = (count + chunk - 1) / chunk;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
            {
                ReadOnlySpan<float> cur = coverage;
                int end = Math.Min(count, (c + 1) * chunk);
                for (int t = c * chunk; t < end; t++)
                {
                    gainCopy[t] = source.Gain(candidateCopy[t], cur);
                }
            });
            gainCopy.AsSpan(0, count).CopyTo(gains);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidateCopy);
            ArrayPool<float>.Shared.Return(gainCopy);
        }
    }
}
