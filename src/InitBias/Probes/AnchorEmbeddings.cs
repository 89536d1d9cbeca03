using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// The anchors' embedding rows (tokens FirstToken.., the memory and reasoning anchors 1..20) at one step, copied out
/// of W_E as float32. Their cosines are computed at read time from these rows (Reading.TokenCosines.Among), never
/// recorded (docs/reading.md).
/// </summary>
public sealed record AnchorEmbeddings(int FirstToken,
    [property: JsonConverter(typeof(Float32Rows))] double[][]? Rows = null)
{
    /// <summary>
    /// The cosine matrix runs before issue 32 recorded (torch, float32). Kept so their probe.jsonl still reads;
    /// never read (the transformer's old sections hold only this: its rows are in the mechanism section), never
    /// written.
    /// </summary>
    public double[][]? Cos { get; init; }
}
