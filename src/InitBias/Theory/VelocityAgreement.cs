using InitBias.Analysis;

namespace InitBias.Theory;

/// <summary>How well Prop. 1 predicts one token's embedding velocity at initialisation (C10 a).</summary>
public sealed record VelocityAgreement(int Token, double Cosine, double RelativeError, double Norm)
{
    /// <summary>
    /// Per token (tokens firstToken.. in row order) the cosine of the actual velocity −∇L(w_s) and Prop. 1's
    /// prediction, ‖actual − predicted‖ / ‖predicted‖, and ‖actual‖.
    /// </summary>
    public static IReadOnlyList<VelocityAgreement> Of(int firstToken, double[][] actual, double[][] predicted) =>
        actual.Select((a, i) => new VelocityAgreement(firstToken + i, Linalg.Cosine(a, predicted[i]),
            Linalg.Norm(Linalg.Subtract(a, predicted[i])) / Linalg.Norm(predicted[i]), Linalg.Norm(a))).ToList();
}
