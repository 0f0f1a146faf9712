using FastCoverage.Lp;

namespace FastCoverage.Tests.Lp;

public class CdvmGridTests
{
    private static readonly double[] Alphas = [0.1, 0.4, 0.7, 1.0];
    private static readonly double[] Kappas = [0.0, 0.5, 1.5];

    /// <summary>A deterministic, irregular score of a selection.</summary>
    private static double Score(int[] selected) => selected.Sum(i => (i * 7919) % 13) / (double)selected.Length;

    [Fact]
    public void Grid_solves_every_point_to_the_cold_optimum_and_picks_the_first_best_score()
    {
        float[,] t = CdvmReference.RandomAttribution(35, 14, 0.5, 21);
        CsrMatrix csr = CdvmReference.Csr(t);
        CdvmGridResult grid = CdvmGrid.Search(csr, 9, Alphas, Kappas, Score);
        double best = double.NegativeInfinity;
        (int Row, int Column) bestAt = (-1, -1);
        for (int row = 0; row < Kappas.Length; row++)
        {
            for (int column = 0; column < Alphas.Length; column++)
            {
                using var cold = new CdvmProgram(csr);
                CdvmResult expected = cold.Solve(9, Alphas[column], Kappas[row]);
                CdvmResult actual = grid.Results[row, column];
                Assert.Equal(expected.Objective, actual.Objective, 1e-6);
                Assert.Equal((Alphas[column], Kappas[row]), (actual.Alpha, actual.Kappa));
                Assert.Equal(Score(actual.Selected), grid.Scores[row, column]);
                if (grid.Scores[row, column] > best)
                {
                    best = grid.Scores[row, column];
                    bestAt = (row, column);
                }
            }
        }

        Assert.Same(grid.Results[bestAt.Row, bestAt.Column], grid.Best);
        Assert.Equal(best, grid.BestScore);
    }

    [Fact]
    public void Grid_results_are_identical_for_one_thread_and_all_threads()
    {
        CsrMatrix csr = CdvmReference.Csr(CdvmReference.RandomAttribution(50, 20, 0.4, 5));
        CdvmGridResult serial = CdvmGrid.Search(csr, 12, Alphas, Kappas, Score, maxDegreeOfParallelism: 1);
        CdvmGridResult parallel = CdvmGrid.Search(csr, 12, Alphas, Kappas, Score, maxDegreeOfParallelism: -1);
        for (int row = 0; row < Kappas.Length; row++)
        {
            for (int column = 0; column < Alphas.Length; column++)
            {
                Assert.Equal(serial.Results[row, column].Weights, parallel.Results[row, column].Weights);
            }
        }
    }

    [Fact]
    public void Unsorted_and_repeated_alphas_solve_to_the_cold_optimum_in_place_and_identically_for_one_and_two_threads()
    {
        double[] alphas = [0.4, 1.0, 0.1, 0.4, 0.7];
        CsrMatrix csr = CdvmReference.Csr(CdvmReference.RandomAttribution(40, 16, 0.5, 8));
        CdvmGridResult serial = CdvmGrid.Search(csr, 10, alphas, Kappas, Score, maxDegreeOfParallelism: 1);
        CdvmGridResult parallel = CdvmGrid.Search(csr, 10, alphas, Kappas, Score, maxDegreeOfParallelism: 2);
        for (int row = 0; row < Kappas.Length; row++)
        {
            for (int column = 0; column < alphas.Length; column++)
            {
                using var cold = new CdvmProgram(csr);
                CdvmResult expected = cold.Solve(10, alphas[column], Kappas[row]);
                Assert.Equal((alphas[column], Kappas[row]), (serial.Results[row, column].Alpha, serial.Results[row, column].Kappa));
                Assert.Equal(expected.Objective, serial.Results[row, column].Objective, 1e-6);
                Assert.Equal(serial.Results[row, column].Weights, parallel.Results[row, column].Weights);
                Assert.Equal(serial.Scores[row, column], parallel.Scores[row, column]);
            }
        }

        Assert.Equal((serial.Best.Alpha, serial.Best.Kappa), (parallel.Best.Alpha, parallel.Best.Kappa));
    }

    [Fact]
    public void Descending_alpha_order_puts_larger_alphas_first_and_keeps_equal_ones_in_given_order()
    {
        Assert.Equal([1, 4, 0, 3, 2], CdvmGrid.DescendingOrder([0.4, 1.0, 0.1, 0.4, 0.7]));
    }

    [Fact]
    public void Chains_split_each_kappa_row_at_alpha_one_half_and_start_the_lower_chains_of_ascending_kappa_first()
    {
        // α = [0.4, 1.0, 0.1, 0.5, 0.7], κ = [1.0, 0.25, 1.0]: lower side 0.4, 0.1 (indices 0, 2); upper 1.0, 0.7, 0.5.
        (int Row, int[] Columns)[] chains = CdvmGrid.Chains([0.4, 1.0, 0.1, 0.5, 0.7], [1.0, 0.25, 1.0]);
        Assert.Equal([1, 0, 2, 1, 0, 2], chains.Select(c => c.Row));
        Assert.All(chains[..3], c => Assert.Equal([0, 2], c.Columns));
        Assert.All(chains[3..], c => Assert.Equal([1, 4, 3], c.Columns));
        Assert.Equal([(0, new[] { 1, 0 })], CdvmGrid.Chains([0.6, 0.9], [2.0]).Select(c => (c.Row, c.Columns)));
    }

    [Fact]
    public void Empty_or_out_of_range_grids_throw_ArgumentException_naming_the_parameter()
    {
        CsrMatrix csr = CdvmReference.Csr(CdvmReference.RandomAttribution(5, 3, 1.0, 1));
        Assert.Equal("alphas", Assert.Throws<ArgumentException>(() => CdvmGrid.Search(csr, 2, [], Kappas, Score)).ParamName);
        Assert.Equal("kappas", Assert.Throws<ArgumentException>(() => CdvmGrid.Search(csr, 2, Alphas, [], Score)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => CdvmGrid.Search(csr, 2, [0.5, 2.0], Kappas, Score)).ParamName);
        Assert.Equal("kappa", Assert.Throws<ArgumentException>(() => CdvmGrid.Search(csr, 2, Alphas, [-1.0], Score)).ParamName);
        Assert.Equal("keep", Assert.Throws<ArgumentException>(() => CdvmGrid.Search(csr, 6, Alphas, Kappas, Score)).ParamName);
    }
}
