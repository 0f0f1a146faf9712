using System.Reflection;
using System.Runtime.InteropServices;

namespace FastCoverage.Lp.Clp;

/// <summary>
/// Finds and loads COIN-OR CLP once per process. Debian's runtime package <c>coinor-libclp1</c> ships only the
/// versioned <c>libClp.so.1</c> (the unversioned <c>libClp.so</c> comes with the -dev package), so a
/// <see cref="NativeLibrary.SetDllImportResolver"/> maps the import name "Clp" to the first name that loads.
/// </summary>
internal static class ClpLibrary
{
    /// <summary>The names tried, in order.</summary>
    internal static readonly string[] CandidateNames =
    [
        "libClp.so.1", "libClp.so", "libClp.so.0", "libClp.dylib", "libClp.1.dylib", "Clp.dll", "libClp.dll", "libClp-1.dll",
    ];

    private static readonly Lock Gate = new();
    private static IntPtr s_handle;

    /// <summary>Loads CLP if not yet loaded; throws a <see cref="DllNotFoundException"/> saying what to install.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (s_handle != IntPtr.Zero)
            {
                return;
            }

            if (!TryLoad(CandidateNames, out IntPtr handle))
            {
                throw NotFound(CandidateNames);
            }

            NativeLibrary.SetDllImportResolver(typeof(ClpLibrary).Assembly, Resolve);
            s_handle = handle;
        }
    }

    /// <summary>Tries each name in turn; true with the handle of the first that loads.</summary>
    internal static bool TryLoad(IEnumerable<string> names, out IntPtr handle)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                return true;
            }
        }

        handle = IntPtr.Zero;
        return false;
    }

    /// <summary>The exception thrown when no candidate loads: it names the package to install.</summary>
    internal static DllNotFoundException NotFound(IEnumerable<string> names) =>
        new($"COIN-OR CLP was not found (tried {string.Join(", ", names)}). Install it with 'sudo apt-get install coinor-libclp1' " +
            "(Debian/Ubuntu; 'brew install clp' on macOS) — CDVM solves its linear programs with it.");

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ClpNative.Library ? s_handle : IntPtr.Zero;
}
