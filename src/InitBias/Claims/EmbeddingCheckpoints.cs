using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Claims;

/// <summary>
/// Writes, at chosen evaluation steps, the cosine-similarity matrix of the anchor embeddings (tokens 1..20: memory
/// anchors 1-10, reasoning anchors 11-20) of every member into its run folder (embeddings.jsonl), so claims and
/// heatmaps read the same numbers; the raw rows go with them (C10 reads embedding updates).
/// </summary>
public static class EmbeddingCheckpoints
{
    public const string File = "embeddings.jsonl";
    public const int FirstToken = 1, Tokens = 20;


    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> memberDirs, IReadOnlySet<int> steps) => (step, model) =>
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
        var rows = weight.narrow(1, FirstToken, Tokens);
        var unit = nn.functional.normalize(rows, p: 2, dim: -1);
        var cos = bmm(unit, unit.transpose(1, 2)).cpu().to(ScalarType.Float64);
        var all = ReadAll(cos);
        var raw = ReadAll(rows.cpu().to(ScalarType.Float64).contiguous());
        int dim = (int)rows.shape[2];
        for (int e = 0; e < memberDirs.Count; e++)
        {
            var matrix = new JsonArray();
            for (int i = 0; i < Tokens; i++)
                matrix.Add(new JsonArray(Enumerable.Range(0, Tokens).Select(j => (JsonNode?)all[(e * Tokens + i) * Tokens + j]).ToArray()));
            var rowArray = new JsonArray();
            for (int i = 0; i < Tokens; i++)
                rowArray.Add(new JsonArray(Enumerable.Range(0, dim).Select(j => (JsonNode?)raw[(e * Tokens + i) * dim + j]).ToArray()));
            var line = new JsonObject { ["step"] = step, ["first_token"] = FirstToken, ["cos"] = matrix, ["rows"] = rowArray };
            System.IO.File.AppendAllText(Path.Combine(memberDirs[e], File), line.ToJsonString() + "\n");
        }
    };

    private static double[] ReadAll(Tensor t)
    {
        using var accessor = t.data<double>();
        return accessor.ToArray();
    }

    /// <summary>Reads the cosine matrix a run folder holds for a step.</summary>
    public static double[,] Read(string runDir, int step)
    {
        var rows = Line(runDir, step)["cos"]!.AsArray();
        var m = new double[rows.Count, rows.Count];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows.Count; j++) m[i, j] = rows[i]![j]!.GetValue<double>();
        return m;
    }

    /// <summary>Reads the raw anchor embeddings (tokens 1..20) a run folder holds for a step.</summary>
    public static double[][] ReadRows(string runDir, int step) =>
        Line(runDir, step)["rows"]!.AsArray().Select(r => r!.AsArray().Select(x => x!.GetValue<double>()).ToArray()).ToArray();

    private static JsonObject Line(string runDir, int step)
    {
        foreach (var line in System.IO.File.ReadLines(Path.Combine(runDir, File)))
        {
            var o = JsonNode.Parse(line)!.AsObject();
            if (o["step"]!.GetValue<int>() == step) return o;
        }
        throw new InvalidOperationException($"{runDir} has no embedding checkpoint at step {step}");
    }
}
