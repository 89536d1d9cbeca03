using InitBias.Analysis;
using InitBias.Experiments;
using TorchSharp;

namespace InitBias.Probes.Recording;

/// <summary>
/// Scale probe P1 (C12): how parallel the first full-batch gradients of the memory anchors' embeddings are at
/// initialisation (Prop. 2 gives them one common velocity), against the reasoning anchors'. Label noise alone pulls
/// the memory cosine below 1 when each anchor's gradient averages few random labels; more samples per pair, less
/// noise. No training: one gradient per config and seed (FirstStepGradients).
/// </summary>
public static class FirstStepAlignment
{
    public sealed record Result(long Seed, double MemoryCos, double ReasoningCos);

    public static Result Measure(RunConfig config, torch.Device device)
    {
        var t = config.Task;
        var memory = Enumerable.Range(t.MemAnchorMin, t.MemAnchorMax - t.MemAnchorMin + 1).ToList();
        var reasoning = Enumerable.Range(t.RsnAnchorMin, t.RsnAnchorMax - t.RsnAnchorMin + 1).ToList();
        var rows = FirstStepGradients.Velocities(config, device, [.. memory, .. reasoning]);
        return new Result(config.Seed, Linalg.MeanPairwiseCosine(rows[..memory.Count].ToList()),
            Linalg.MeanPairwiseCosine(rows[memory.Count..].ToList()));
    }
}
