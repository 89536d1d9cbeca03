using System.Text.Json.Serialization;
using InitBias.Claims.Grids;
using InitBias.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Claims.Probes;

/// <summary>
/// The anchor embeddings of one run at one step: their rows and cosine matrix (a line of embeddings.jsonl).
/// </summary>
public sealed record AnchorCheckpoint(int Step, int FirstToken, double[][] Cos, double[][] Rows)
{
    [JsonIgnore]
    public TokenCosines Cosines => new(ProbeFile.ToMatrix(Cos), FirstToken);
}

/// <summary>
/// Writes, at chosen evaluation steps, the anchor embeddings (memory and reasoning anchors, tokens 1..20) of every
/// member and their cosine matrix into its run folder (embeddings.jsonl), so claims and heatmaps read the same
/// numbers; C10 reads the raw rows (embedding updates).
/// </summary>
public static class EmbeddingCheckpoints
{
    public const string File = "embeddings.jsonl";

    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> memberDirs, IReadOnlySet<int> steps,
        TokenBlock anchors) => (step, model) =>
    {
        if (!steps.Contains(step)) return;
        var weight = model switch
        {
            EmbMlp m => m.Embedding.Weight,
            DecoderTransformer t => t.TokenEmbedding.Weight,
            _ => throw new ArgumentException("model has no token embedding"),
        };
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var rows = weight.narrow(1, anchors.First, anchors.Count);         // [E, anchors, D]
        var unit = nn.functional.normalize(rows, p: 2, dim: -1);
        var cos = TensorReadout.Stack(bmm(unit, unit.transpose(1, 2)));   // [E][anchors][anchors]
        var raw = TensorReadout.Stack(rows);
        for (int e = 0; e < memberDirs.Count; e++)
            ProbeFile.Append(memberDirs[e], File, new AnchorCheckpoint(step, anchors.First, cos[e], raw[e]));
    };

    /// <summary>The checkpoint a run folder holds for a step.</summary>
    public static AnchorCheckpoint Read(string runDir, int step) =>
        ProbeFile.Read<AnchorCheckpoint>(runDir, File).FirstOrDefault(c => c.Step == step)
        ?? throw new InvalidOperationException($"{runDir} has no embedding checkpoint at step {step}");
}
