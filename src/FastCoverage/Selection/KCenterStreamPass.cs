namespace FastCoverage.Selection;

/// <summary>
/// One pick of <see cref="KCenterEngine"/>'s first phase: a sequential pass over the input rows in their own order
/// with a min distance and an owning centre per row, for the early picks that touch most points anyway. Row ranges are
/// independent, so parallel workers share one pass (pointers into pinned arrays).
/// </summary>
internal readonly unsafe struct KCenterStreamPass
{
    private readonly MatrixView _points;
    private readonly float* _min;
    private readonly int* _owner;
    private readonly float* _gaps;
    private readonly float* _center;
    private readonly int _step;
    private readonly float _pruneFactor;

    /// <param name="points">The input rows.</param>
    /// <param name="min">Min squared distance per row (<see cref="KCenterEngine.Selected"/> for centres).</param>
    /// <param name="owner">Nearest centre (pick number) per row.</param>
    /// <param name="gaps">‖c − s‖² per earlier centre s.</param>
    /// <param name="center">The new centre's row.</param>
    /// <param name="step">The new centre's pick number.</param>
    /// <param name="pruneFactor">The skip factor (see <see cref="KCenterEngine"/>); +∞ turns the skips off.</param>
    public KCenterStreamPass(MatrixView points, float* min, int* owner, float* gaps, float* center, int step, float pruneFactor)
    {
        _points = points;
        _min = min;
        _owner = owner;
        _gaps = gaps;
        _center = center;
        _step = step;
        _pruneFactor = pruneFactor;
    }

    /// <summary>
    /// Lowers the min distance of rows [i0, i1) to the new centre where closer (skipping row i when
    /// ‖c − owner‖² ≥ factor·mᵢ, the triangle-inequality test) and returns the farthest row of the range after the
    /// update (lowest index on ties) and the number of distances computed.
    /// </summary>
    public (float Farthest, int Index, int Computed) Lower(int i0, int i1)
    {
        float best = float.NegativeInfinity;
        int arg = int.MaxValue;
        int computed = 0;
        int d = _points.Width;
        for (int i = i0; i < i1; i++)
        {
            float current = _min[i];
            if (!(_gaps[_owner[i]] >= _pruneFactor * current))
            {
                float distance = SquaredDistance.Compute(_points.Row(i), _center, d);
                computed++;
                if (distance < current)
                {
                    _min[i] = distance;
                    _owner[i] = _step;
                    current = distance;
                }
            }

            // Rows ascend, so a strict comparison keeps the lowest index among equal distances.
            if (current > best)
            {
                best = current;
                arg = i;
            }
        }

        return (best, arg, computed);
    }
}
