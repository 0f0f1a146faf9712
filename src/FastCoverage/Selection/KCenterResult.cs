namespace FastCoverage.Selection;

/// <summary>The outcome of <see cref="KCenter"/>: the centres in the order picked and the covering radius after each pick.</summary>
public sealed class KCenterResult
{
    internal KCenterResult(int[] indices, float[] coveringRadii)
    {
        Indices = indices;
        CoveringRadii = coveringRadii;
    }

    /// <summary>Row indices of the selected centres, in selection order (the first is the start point).</summary>
    public int[] Indices { get; }

    /// <summary>
    /// CoveringRadii[t] = max over points i of min over the first t + 1 centres c of ‖xᵢ − x_c‖ (Euclidean, float32):
    /// the radius r(S_t) of the smallest balls around S_t that cover the data; non-increasing in t.
    /// </summary>
    public float[] CoveringRadii { get; }

    /// <summary>The covering radius of the whole selection (0 when k = n, +∞ for an empty selection).</summary>
    public float CoveringRadius => CoveringRadii.Length == 0 ? float.PositiveInfinity : CoveringRadii[^1];
}
