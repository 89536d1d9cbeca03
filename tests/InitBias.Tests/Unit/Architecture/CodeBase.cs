using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace InitBias.Tests.Unit.Architecture;

/// <summary>
/// Every assembly of the code base as ArchUnitNET sees it: the library (InitBias.Core), the command (initbias), these
/// tests (with the controls) and the claim tests (InitBias.Claims, built first by a reference that copies nothing,
/// and loaded from its own output folder without running its module initialiser).
/// </summary>
internal static class CodeBase
{
    public static readonly ArchUnitNET.Domain.Architecture All = new ArchLoader()
        .LoadAssemblies(typeof(Experiments.RunConfig).Assembly, typeof(Cli.CliApp).Assembly,
            typeof(CodeBase).Assembly)
        .LoadFilteredDirectory(ClaimTestsFolder(), "InitBias.Claims.dll", SearchOption.TopDirectoryOnly)
        .Build();

    /// <summary>claims/InitBias.Claims/bin/{configuration}/{framework}, as this assembly's own bin folder.</summary>
    private static string ClaimTestsFolder()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name, configuration = here.Parent!.Name;
        string folder = Path.Combine(Repository.Root()!, "claims", "InitBias.Claims", "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, "InitBias.Claims.dll")) ? folder
            : throw new FileNotFoundException($"the claim tests are not built in {folder}");
    }

    /// <summary>
    /// A namespace and those below it, as a pattern: the claim tests' wrappers (InitBias.Claims.Tests) run the
    /// pipeline and are tests, not rules, so no namespace includes a .Tests below it.
    /// </summary>
    public static string AndBelow(string ns) => "^" + Regex.Escape(ns) + @"(\.(?!Tests(\.|$))[\w.]+)?$";

    /// <summary>Exactly this namespace (the root InitBias, not its children).</summary>
    public static string Exactly(string ns) => "^" + Regex.Escape(ns) + "$";
}
