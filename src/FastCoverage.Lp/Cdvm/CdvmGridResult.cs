namespace FastCoverage.Lp;

/// <summary>The outcome of <see cref="CdvmGrid.Search"/>.</summary>
/// <param name="Results">Every solve, indexed [κ index, α index].</param>
/// <param name="Scores">The score of every solve's selection, indexed like <paramref name="Results"/>.</param>
/// <param name="Best">The result with the highest score (first in (κ, α) order on ties).</param>
/// <param name="BestScore">Its score.</param>
public sealed record CdvmGridResult(CdvmResult[,] Results, double[,] Scores, CdvmResult Best, double BestScore);
