using FastCoverage.Lp;

namespace FastCoverage.Bench;

/// <summary>Random CDVM attribution matrices with cluster structure, like an MSR estimate on clustered data.</summary>
internal static class CdvmInstances
{
    /// <summary>
    /// n × m with <paramref name="entries"/> nonzeros spread evenly over the train rows (⌊·⌋ or ⌈·⌉ each): 80 % inside the row's own cluster with values in
    /// [0.03, 0.07) (what MSR with p = 0.03 gives a point of a 100-point mode), the rest anywhere with noise in [−0.02, 0.02).
    /// </summary>
    public static CsrMatrix Clustered(int n, int m, int entries, int clusters, int seed)
    {
        var random = new Random(seed);
        var starts = new int[n + 1];
        var columns = new List<int>(entries);
        var values = new List<float>(entries);
        var row = new SortedDictionary<int, float>();
        int clusterWidth = m / clusters;
        for (int i = 0; i < n; i++)
        {
            row.Clear();
            int cluster = i % clusters;
            int rowEntries = (int)(((long)(i + 1) * entries / n) - ((long)i * entries / n));
            while (row.Count < rowEntries)
            {
                bool own = random.NextDouble() < 0.8;
                int j = own ? (cluster * clusterWidth) + random.Next(clusterWidth) : random.Next(m);
                float value = own ? 0.05f + (0.04f * (random.NextSingle() - 0.5f)) : 0.04f * (random.NextSingle() - 0.5f);
                row.TryAdd(j, value);
            }

            foreach (var (j, value) in row)
            {
                columns.Add(j);
                values.Add(value);
            }

            starts[i + 1] = columns.Count;
        }

        return new CsrMatrix(n, m, starts, [.. columns], [.. values]);
    }
}
