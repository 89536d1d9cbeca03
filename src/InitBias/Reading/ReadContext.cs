using System.Collections.Concurrent;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Tasks;
using TorchSharp;

namespace InitBias.Reading;

/// <summary>
/// What claims and figures read through: the profile, its claim seeds and resolved configs, and the grids' run
/// folders under OutRoot, opened read-only (Read). Nothing here trains; a grid that is not complete on disk cannot
/// be read. A claim's context reads only the grids the claim declares (Only).
/// </summary>
public sealed class ReadContext(string profile, torch.Device device, string outRoot,
    Func<RunConfig, RunConfig>? adjust = null)
{
    private readonly ConcurrentDictionary<GridDeclaration, GridReader> _open = new();
    private IReadOnlyCollection<GridDeclaration>? _only;

    public string Profile { get; } = profile;
    /// <summary>For the no-training computations some claims make (first-step gradients at initialisation).</summary>
    public torch.Device Device { get; } = device;
    public string OutRoot { get; } = outRoot;
    /// <summary>Applied to every config after the profile's defaults (tests shrink claims to seconds with it).
    /// </summary>
    public Func<RunConfig, RunConfig>? Adjust { get; } = adjust;

    /// <summary>The seeds every claim grid of this profile trains (Profiles.ClaimSeeds).</summary>
    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    /// <summary>The config an experiment runs with here: the profile's, then Adjust.</summary>
    public RunConfig ConfigOf(string experiment) => ExperimentRegistry.Resolve(experiment, Profile, Adjust);

    public CompositionTaskConfig TaskOf(string experiment) => ConfigOf(experiment).Task;

    /// <summary>The same context, reading only these grids (a claim reads what it declares).</summary>
    public ReadContext Only(IReadOnlyCollection<GridDeclaration> grids) =>
        new(Profile, Device, OutRoot, Adjust) { _only = grids };

    /// <summary>The grid's run folders, read-only. Fails when a member's run is missing or unfinished.</summary>
    public GridReader Read(GridDeclaration grid)
    {
        if (_only is not null && !_only.Contains(grid))
            throw new InvalidOperationException($"{grid} is read but not declared (Claim.GridsIn)");
        return _open.GetOrAdd(grid, g => GridReader.Open(g, Path.Combine(OutRoot, g.Folder), Seeds,
            ConfigOf(g.Experiment), Profile));
    }
}
