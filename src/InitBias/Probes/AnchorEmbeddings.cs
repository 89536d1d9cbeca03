namespace InitBias.Probes;

/// <summary>
/// The anchors' embeddings (tokens FirstToken.., the memory and reasoning anchors 1..20) at one step: their cosine
/// matrix, computed at record time, and their rows when the run keeps no other record of them (the Emb-MLP; the
/// transformer's rows are in its mechanism section).
/// </summary>
public sealed record AnchorEmbeddings(int FirstToken, double[][] Cos,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Float32Rows))] double[][]? Rows = null);
