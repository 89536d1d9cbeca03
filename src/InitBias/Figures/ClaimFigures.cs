namespace InitBias.Figures;

/// <summary>
/// The figure files (without extension) that show each claim, as the grids' figure steps name them: the report inlines
/// them, and RulePipelineTests checks that the pipeline draws every one, so a renamed figure fails a test.
/// </summary>
public static class ClaimFigures
{
    public static readonly IReadOnlyDictionary<string, string[]> Files = new Dictionary<string, string[]>
    {
        ["C01"] = ["fig1_gpt2_mixture_losses"],
        ["C02"] = ["fig7a_delta_l_vs_gamma"],
        ["C03"] = ["fig7b_token_cosines"],
        ["C04"] = ["fig3a_transformer_losses", "fig3a_transformer_accuracy"],
        ["C05"] = ["fig3a_transformer_losses", "fig3a_transformer_accuracy"],
        ["C06"] = ["fig3a_transformer_losses"],
        ["C07"] = ["fig3b_emb_mlp_losses"],
        ["C08"] = ["fig4a_emb_mlp_cosines"],
        ["C09"] = ["fig4a_emb_mlp_cosines"],
        ["C10"] = ["fig4bc_label_distributions"],
        ["C12"] = ["fig5a_transformer_cosines"],
        ["C13"] = ["fig5b_transformer_pca"],
        ["C14"] = ["fig6_first_layer"],
        ["C16"] = ["fig5c_theory_vs_trained"],
        ["C17"] = ["fig5d_theory_pca"],
        ["C18"] = ["fig8_right_label_groups"],
        ["C19"] = ["fig8_left_structured_memory"],
        ["C20"] = ["fig_c20_effective_rank"],
        ["C22"] = ["fig3a_transformer_no_ln_losses", "fig3a_transformer_low_lr_losses"],
        ["C23"] = ["fig3a_transformer_next_token_losses"],
    };

    /// <summary>
    /// Figures of grids only some profiles train (C18 v3's disjoint design: full and paper, not the ci suite).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> BeyondCi = new Dictionary<string, string[]>
    {
        ["C18"] = ["fig8_right_label_groups_disjoint"],
    };

    /// <summary>The figures of each claim in a profile.</summary>
    public static IReadOnlyDictionary<string, string[]> In(string profile) => profile == Experiments.Profiles.Ci
        ? Files
        : Files.Keys.Union(BeyondCi.Keys).ToDictionary(id => id,
            id => Files.GetValueOrDefault(id, []).Concat(BeyondCi.GetValueOrDefault(id, [])).ToArray());
}
