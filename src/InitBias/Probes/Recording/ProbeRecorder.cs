using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Models;

namespace InitBias.Probes.Recording;

/// <summary>
/// Fills its section of each member's probe line for one evaluation (lines[e] for member e), or leaves it null.
/// </summary>
public delegate void SectionWriter(int step, IEnsembleModel model, ProbeLine[] lines);

/// <summary>
/// Turns a grid's declared probes into the callback the runner calls after each evaluation: every probe reads the
/// model at named points (weights only, no gradients, no random draws, so metrics do not depend on probes) and
/// fills its section; each member's line goes to its probe.jsonl when any probe recorded something. The step-0
/// probes (first step, label distributions) compute on models and data of their own, from private streams.
/// </summary>
public static class ProbeRecorder
{
    public static Action<int, IEnsembleModel>? For(IReadOnlyList<ProbeSpec> probes, IReadOnlyList<string> dirs,
        IReadOnlyList<RunConfig> members, string profile)
    {
        if (probes.Count == 0) return null;
        var writers = probes.Select(p => Writer(p, dirs, members, profile)).ToList();
        return (step, model) =>
        {
            var lines = members.Select(_ => new ProbeLine(step)).ToArray();
            foreach (var write in writers) write(step, model, lines);
            for (int e = 0; e < lines.Length; e++)
                if (!lines[e].IsEmpty) ProbeFile.Append(dirs[e], lines[e]);
        };
    }

    private static SectionWriter Writer(ProbeSpec spec, IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members,
        string profile) => spec switch
        {
            AnchorEmbeddingsSpec a => AnchorEmbeddingsWriter.Create(
                ClaimGrids.StepsOf(a.Steps, members[0], profile), members[0].Task, a.WithRows),
            MechanismSpec => MechanismWriter.Create(dirs, members),
            TokenSetsSpec => TokenSetsWriter.Create(members),
            LabelGroupOutputsSpec => LabelGroupOutputsWriter.Create(members),
            FirstStepSpec f => FirstStepWriter.Create(f, members),
            LabelDistributionsSpec l => LabelDistributionsWriter.Create(l, members),
            _ => throw new ArgumentException($"no writer for probe {spec}"),
        };
}
