namespace FastCoverage.Selection;

/// <summary>
/// One pick's distance updates over contiguous slots of <see cref="KCenterClusters"/> (pointers into its arena, so
/// that parallel workers can share it: each slot belongs to one work item).
/// </summary>
internal readonly unsafe struct KCenterScan
{
    private readonly float* _rows;
    private readonly float* _min;
    private readonly byte* _moved;
    private readonly int _d;
    private readonly float* _center;
    private readonly float _pruneFactor;

    public KCenterScan(KCenterClusters clusters, float* center, float pruneFactor)
    {
        _rows = clusters.Rows;
        _min = clusters.Min;
        _moved = clusters.Moved;
        _d = clusters.Dimension;
        _center = center;
        _pruneFactor = pruneFactor;
    }

    /// <summary>
    /// Lowers the min distance of each slot in [p0, p1) of one cluster to the new centre where closer and flags it as
    /// moved. A slot i is skipped when gap ≥ factor·mᵢ (gap = ‖c − s‖², the same
    /// triangle-inequality test as for whole clusters, applied to the member's own distance mᵢ instead of the radius).
    /// </summary>
    public void Lower(int p0, int p1, float gap)
    {
        float* distances = stackalloc float[4];
        int p = p0;
        for (; p <= p1 - 4; p += 4)
        {
            // Four rows at a time (bit-identical to one at a time), unless the test skips all four.
            if (gap >= _pruneFactor * _min[p] && gap >= _pruneFactor * _min[p + 1] && gap >= _pruneFactor * _min[p + 2] && gap >= _pruneFactor * _min[p + 3])
            {
                *(int*)(_moved + p) = 0;
                continue;
            }

            float* row = _rows + ((long)p * _d);
            SquaredDistance.ComputeFour(row, row + _d, row + (2 * _d), row + (3 * _d), _center, _d, distances);
            for (int u = 0; u < 4; u++)
            {
                Apply(p + u, distances[u], gap);
            }
        }

        for (; p < p1; p++)
        {
            if (gap >= _pruneFactor * _min[p])
            {
                _moved[p] = 0;
                continue;
            }

            Apply(p, SquaredDistance.Compute(_rows + ((long)p * _d), _center, _d), gap);
        }
    }

    /// <summary>Lowers slot p's min distance to <paramref name="distance"/> if closer and not skipped, and sets its flag.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Apply(int p, float distance, float gap)
    {
        float current = _min[p];
        byte flag = 0;
        if (!(gap >= _pruneFactor * current) && distance < current)
        {
            _min[p] = distance;
            flag = 1;
        }

        _moved[p] = flag;
    }
}
