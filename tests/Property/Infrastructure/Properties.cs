using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Infrastructure;

/// <summary>
/// Runs FsCheck 3 properties inside xunit facts (FsCheck.Xunit cannot be restored here): a fixed number of
/// cases and a fixed replay seed make every run reproducible; a failure throws with the shrunk counterexample.
/// </summary>
public static class Properties
{
    /// <summary>The configuration every property uses: throw on failure, fixed seed.</summary>
    public static Config Config(int maxTest = 100, ulong seed = 20261124UL) =>
        FsCheck.Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(seed, 0x9E3779B97F4A7C15UL);

    /// <summary>Checks <paramref name="property"/> with <see cref="Config"/>.</summary>
    public static void Check(Property property, int maxTest = 100, ulong seed = 20261124UL) =>
        property.Check(Config(maxTest, seed));

    /// <summary>Checks a property over generated values.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> body, int maxTest = 100, ulong seed = 20261124UL) =>
        Check(Prop.ForAll(arbitrary, body), maxTest, seed);
}
