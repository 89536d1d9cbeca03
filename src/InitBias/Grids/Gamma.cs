namespace InitBias.Grids;

/// <summary>
/// The initialisation rates the paper compares, named by what they are. γ is the exponent of the rule
/// std = d_in^(-γ) (spec §5): a larger γ is a smaller initialisation.
/// </summary>
public static class Gamma
{
    /// <summary>γ = 0.3, "large initialization": the model memorises (Fig. 3A, left).</summary>
    public const double LargeInit = 0.3;

    /// <summary>γ = 0.5, the intermediate scale of Fig. 3A and Fig. 7A.</summary>
    public const double MidInit = 0.5;

    /// <summary>γ = 0.8, "small initialization": the model learns the reasoning rule first (Fig. 3A, right).</summary>
    public const double SmallInit = 0.8;

    /// <summary>The three scales of Fig. 3A and Fig. 7A, large to small initialisation.</summary>
    public static readonly IReadOnlyList<double> AllThree = [LargeInit, MidInit, SmallInit];

    /// <summary>Large against small initialisation (Fig. 3B, the variants of App. F).</summary>
    public static readonly IReadOnlyList<double> LargeAndSmall = [LargeInit, SmallInit];

    /// <summary>A member's label in snapshots: g0.8.</summary>
    public static string Label(double gamma) =>
        "g" + gamma.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
