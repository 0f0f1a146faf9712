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
        for (int p = p0; p < p1; p++)
        {
            float current = _min[p];
            byte flag = 0;
            if (!(gap >= _pruneFactor * current))
            {
                float distance = SquaredDistance.Compute(_rows + ((long)p * _d), _center, _d);
                if (distance < current)
                {
                    _min[p] = distance;
                    flag = 1;
                }
            }

            _moved[p] = flag;
        }
    }
}
