namespace FastCoverage.Valuation.Utilities;

/// <summary>Whole-coalition evaluation on top of the incremental form.</summary>
public static class UtilityExtensions
{
    /// <summary>v(S) for the coalition listed in <paramref name="coalition"/> (distinct players), from a fresh state.</summary>
    public static double Evaluate(this IUtility utility, ReadOnlySpan<int> coalition)
    {
        ArgumentNullException.ThrowIfNull(utility);
        IUtilityState state = utility.CreateState();
        foreach (int player in coalition)
        {
            state.Add(player);
        }

        return state.Value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 ≤ player &lt; n.</summary>
    internal static void ThrowIfNotPlayer(int player, int playerCount)
    {
        if ((uint)player >= (uint)playerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(player), player, $"Players are 0 … {playerCount - 1}.");
        }
    }

    /// <summary>The state cast to its concrete type, or an <see cref="ArgumentException"/> if it belongs to another utility.</summary>
    internal static T As<T>(IUtilityState destination, object owner, Func<T, object> ownerOf)
        where T : class, IUtilityState
    {
        if (destination is not T typed || !ReferenceEquals(ownerOf(typed), owner))
        {
            throw new ArgumentException("The destination state belongs to a different utility.", nameof(destination));
        }

        return typed;
    }
}
