using System.Collections.Concurrent;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// What claims and figures read through: the profile, its claim seeds and resolved configs, and the grids' run
/// folders under OutRoot, opened read-only (Read). Nothing here trains or builds a model or data; a grid that is not
/// complete on disk cannot be read. A claim's context reads only the grids the claim declares (Only). The configs
/// come from the pipeline (configOf: the experiment registry's, with the run's adjustments), which the readers do
/// not see.
/// </summary>
public sealed class ReadContext(string profile, string outRoot, Func<string, RunConfig> configOf)
{
    private readonly ConcurrentDictionary<GridDeclaration, GridReader> _open = new();
    private IReadOnlyCollection<GridDeclaration>? _only;

    public string Profile { get; } = profile;
    public string OutRoot { get; } = outRoot;

    /// <summary>The seeds every claim grid of this profile trains (Profiles.ClaimSeeds).</summary>
    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    /// <summary>The config an experiment runs with here: the profile's, with the pipeline's adjustments.</summary>
    public RunConfig ConfigOf(string experiment) => configOf(experiment);

    public CompositionTaskConfig TaskOf(string experiment) => ConfigOf(experiment).Task;

    /// <summary>The same context, reading only these grids (a claim reads what it declares).</summary>
    public ReadContext Only(IReadOnlyCollection<GridDeclaration> grids) =>
        new(Profile, OutRoot, configOf) { _only = grids };

    /// <summary>The grid's run folders, read-only. Fails when a member's run is missing or unfinished.</summary>
    public GridReader Read(GridDeclaration grid)
    {
        if (_only is not null && !_only.Contains(grid))
            throw new InvalidOperationException($"{grid} is read but not declared (Claim.GridsIn)");
        return _open.GetOrAdd(grid, g => GridReader.Open(g, Path.Combine(OutRoot, g.Folder), Seeds,
            ConfigOf(g.Experiment), Profile));
    }
}
