namespace FastCoverage.Selection;

/// <summary>The ranking every per-point selector uses: higher score first, equal scores by lower index.</summary>
internal static class ScoreOrder
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first NaN score (±∞ rank like any other value).</summary>
    public static void ThrowIfNaN(ReadOnlySpan<float> scores, string parameterName)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException($"{parameterName} holds NaN at index {i}; scores must be numbers.", parameterName);
            }
        }
    }

    /// <summary>Sorts <paramref name="indices"/> into ranking order of <paramref name="scores"/>.</summary>
    public static void Sort(Span<int> indices, float[] scores) => indices.Sort(new Comparer(scores));

    private readonly struct Comparer(float[] scores) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        }
    }
}
