using System.Runtime.InteropServices;

namespace FastCoverage.Lp.Clp;

/// <summary>
/// The subset of COIN-OR CLP's C API (<c>Clp_C_Interface.h</c>, CLP 1.17, <c>CoinBigIndex</c> = int) that
/// <see cref="ClpSolver"/> uses. The library name "Clp" is resolved by <see cref="ClpLibrary"/> to the versioned
/// <c>libClp.so.1</c> of Debian's <c>coinor-libclp1</c>, so the -dev package is never needed.
/// </summary>
internal static partial class ClpNative
{
    public const string Library = "Clp";

    [LibraryImport(Library)]
    public static partial ClpModelHandle Clp_newModel();

    [LibraryImport(Library)]
    public static partial void Clp_deleteModel(IntPtr model);

    [LibraryImport(Library)]
    public static unsafe partial void Clp_loadProblem(ClpModelHandle model, int numberColumns, int numberRows,
        int* columnStarts, int* rowIndices, double* values, double* columnLower, double* columnUpper, double* objective,
        double* rowLower, double* rowUpper);

    [LibraryImport(Library)]
    public static unsafe partial void Clp_chgObjCoefficients(ClpModelHandle model, double* objective);

    [LibraryImport(Library)]
    public static unsafe partial void Clp_chgRowLower(ClpModelHandle model, double* rowLower);

    [LibraryImport(Library)]
    public static unsafe partial void Clp_chgRowUpper(ClpModelHandle model, double* rowUpper);

    [LibraryImport(Library)]
    public static partial void Clp_setOptimizationDirection(ClpModelHandle model, double direction);

    [LibraryImport(Library)]
    public static partial void Clp_setLogLevel(ClpModelHandle model, int level);

    [LibraryImport(Library)]
    public static partial int Clp_dual(ClpModelHandle model, int ifValuesPass);

    [LibraryImport(Library)]
    public static partial int Clp_primal(ClpModelHandle model, int ifValuesPass);

    [LibraryImport(Library)]
    public static partial void Clp_scaling(ClpModelHandle model, int mode);

    [LibraryImport(Library)]
    public static partial int Clp_status(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial int Clp_secondaryStatus(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial int Clp_numberIterations(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getColSolution(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial int Clp_initialSolveWithOptions(ClpModelHandle model, IntPtr options);

    [LibraryImport(Library)]
    public static partial IntPtr ClpSolve_new();

    [LibraryImport(Library)]
    public static partial void ClpSolve_delete(IntPtr options);

    [LibraryImport(Library)]
    public static partial void ClpSolve_setSolveType(IntPtr options, int method, int extraInfo);

    [LibraryImport(Library)]
    public static partial void ClpSolve_setPresolveType(IntPtr options, int amount, int extraInfo);

    [LibraryImport(Library)]
    public static partial void ClpSolve_setSpecialOption(IntPtr options, int which, int value, int extraInfo);

    [LibraryImport(Library)]
    public static partial void Clp_setColumnStatus(ClpModelHandle model, int sequence, int value);

    [LibraryImport(Library)]
    public static partial void Clp_setRowStatus(ClpModelHandle model, int sequence, int value);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getRowActivity(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getColLower(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getColUpper(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getRowLower(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial IntPtr Clp_getRowUpper(ClpModelHandle model);

    [LibraryImport(Library)]
    public static unsafe partial void Clp_setColSolution(ClpModelHandle model, double* input);

    [LibraryImport(Library)]
    public static partial int Clp_numberRows(ClpModelHandle model);

    [LibraryImport(Library)]
    public static partial int Clp_numberColumns(ClpModelHandle model);
}

/// <summary>Owns one <c>Clp_Simplex*</c>; releasing it calls <c>Clp_deleteModel</c>.</summary>
internal sealed class ClpModelHandle : SafeHandle
{
    public ClpModelHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        ClpNative.Clp_deleteModel(handle);
        return true;
    }
}
