namespace FastCoverage.Theory;

/// <summary>
/// log(1 + x) and exp(x) − 1 accurate to a few ulps near 0 (.NET's <c>double.LogP1</c>/<c>double.ExpM1</c> are the
/// naive Log(1 + x) and Exp(x) − 1, which lose every digit for tiny x).
/// </summary>
internal static class StableMath
{
    /// <summary>log(1 + x) for x ≥ −1 by Goldberg's correction: log(u)·x/(u − 1) with u = fl(1 + x).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return u == 0.0 || double.IsInfinity(u) ? Math.Log(u) : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) − 1 by Kahan's correction: (u − 1)·x/log(u) with u = fl(exp(x)).</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsInfinity(u))
        {
            return um1;
        }

        return um1 * x / Math.Log(u);
    }
}
