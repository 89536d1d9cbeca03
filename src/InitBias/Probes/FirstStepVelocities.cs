using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// The first full-batch gradient of the loss at initialisation, recorded by the run at step 0 so that rules build no
/// model: the anchors' velocities −∇L(w_s) over the whole training set (rows for tokens FirstToken..), Prop. 1's
/// prediction r_s P̃_s W2ᵀW1ᵀ beside them for the Emb-MLP (C10 a), and the same gradient of the model without its
/// LayerNorms for the transformer (C12's diagnostics). The velocities are float32 gradients, stored exactly as such;
/// the prediction is float64 and keeps every digit (Float32Rows).
/// </summary>
public sealed record FirstStepVelocities(int FirstToken,
    [property: JsonConverter(typeof(Float32Rows))] double[][] Velocity)
{
    public static readonly ProbeSection<FirstStepVelocities> Section = new("first_step");

    [JsonConverter(typeof(Float32Rows))] public double[][]? Prop1 { get; init; }
    [JsonConverter(typeof(Float32Rows))] public double[][]? VelocityWithoutLayerNorm { get; init; }
}
