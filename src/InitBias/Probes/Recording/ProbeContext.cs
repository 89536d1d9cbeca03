using InitBias.Experiments;
using InitBias.Tasks;

namespace InitBias.Probes.Recording;

/// <summary>
/// The run a probe records, as the runner starts it: the members in ensemble order (member e is slice e of the model
/// and line e), their run folders, the data each trains on (the runner's own instances, not a regenerated copy:
/// ExperimentRunner.Probes) and the profile.
/// </summary>
public sealed record ProbeContext(IReadOnlyList<RunConfig> Members, IReadOnlyList<string> Dirs,
    IReadOnlyList<TaskData> Data, string Profile)
{
    /// <summary>The anchors' tokens, memory and reasoning (1..20 in every profile), the first one first.</summary>
    public int[] AnchorTokens()
    {
        var anchors = Members[0].Task.Anchors();
        return [.. Enumerable.Range(anchors.First, anchors.Count)];
    }
}
