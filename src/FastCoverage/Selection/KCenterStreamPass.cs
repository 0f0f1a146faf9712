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
    /// update (lowest index on ties) and the number of distances computed. Works in blocks of 256 rows: list the rows the
    /// test keeps, measure them four at a time (<see cref="SquaredDistance.ComputeFour"/>, bit-identical to one at a
    /// time), then take the block's farthest row.
    /// </summary>
    public (float Farthest, int Index, int Computed) Lower(int i0, int i1)
    {
        const int block = 256;
        int* candidates = stackalloc int[block];
        float* distances = stackalloc float[4];
        float best = float.NegativeInfinity;
        int arg = int.MaxValue;
        int computed = 0;
        int d = _points.Width;
        for (int b0 = i0; b0 < i1; b0 += block)
        {
            int b1 = Math.Min(i1, b0 + block);

            // The rows the skip test keeps, listed without a branch (the test's outcome is close to random).
            int count = 0;
            for (int i = b0; i < b1; i++)
            {
                candidates[count] = i;
                count += _gaps[_owner[i]] >= _pruneFactor * _min[i] ? 0 : 1;
            }

            computed += count;
            int c = 0;
            for (; c <= count - 4; c += 4)
            {
                SquaredDistance.ComputeFour(
                    _points.Row(candidates[c]), _points.Row(candidates[c + 1]), _points.Row(candidates[c + 2]), _points.Row(candidates[c + 3]), _center, d, distances);
                for (int u = 0; u < 4; u++)
                {
                    Lower(candidates[c + u], distances[u]);
                }
            }

            for (; c < count; c++)
            {
                Lower(candidates[c], SquaredDistance.Compute(_points.Row(candidates[c]), _center, d));
            }

            // Rows ascend, so a strict comparison keeps the lowest index among equal distances.
            for (int i = b0; i < b1; i++)
            {
                if (_min[i] > best)
                {
                    best = _min[i];
                    arg = i;
                }
            }
        }

        return (best, arg, computed);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Lower(int i, float distance)
    {
        if (distance < _min[i])
        {
            _min[i] = distance;
            _owner[i] = _step;
        }
    }
}
