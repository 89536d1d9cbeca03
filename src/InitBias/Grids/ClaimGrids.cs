using InitBias.Experiments;

namespace InitBias.Grids;

/// <summary>
/// Every grid a claim reads, declared once: experiment, γ values and probes. The seeds are the profile's
/// (Profiles.ClaimSeeds: 1-8 in ci and paper, 25-32 in full since the v4 rules). Claims name the grids they read
/// (Claim.Grids); the pipeline trains them (Runs.GridTraining) and claims and figures read them (Reading.GridReader).
/// </summary>
public static class ClaimGrids
{
    /// <summary>C4-C6, C11-C16, C20: the mechanism probe at every evaluation (its input-token rows give the anchors'
    /// cosines at every step, Fig. 5A's at the last); C12's first-step gradients at γ 0.8, with and without
    /// LayerNorm.</summary>
    public static readonly GridDeclaration Transformer = new("transformer", Gamma.AllThree,
    [
        new MechanismSpec(),
        new FirstStepSpec([Gamma.SmallInit], WithProp1: false, WithoutLayerNorm: true),
    ]);

    /// <summary>C7-C10: anchor embedding rows (their cosines computed at read time) at step 0, after one epoch,
    /// early and late (Fig. 4A); C10 (a)'s first gradient step against Prop. 1 for every member (γ 0.3 and 0.8 ×
    /// seeds: the members are C10 (a)'s configs) and C10 (b)'s label distributions of the training data.</summary>
    public static readonly GridDeclaration EmbMlp = new("emb-mlp", Gamma.LargeAndSmall,
    [
        new AnchorEmbeddingsSpec(AnchorSteps.EmbMlpCheckpoints),
        new FirstStepSpec(Gamma.LargeAndSmall, WithProp1: true, WithoutLayerNorm: false),
        new LabelDistributionsSpec(WithGroupPrediction: false),
    ]);

    /// <summary>C11's contrast: the Emb-MLP on exactly the transformer's task and data (same seed, same data).
    /// </summary>
    public static readonly GridDeclaration NoisyEmbMlp = new("emb-mlp-noisy", [Gamma.SmallInit], []);

    /// <summary>C1-C3: the real-data mixture, with the token-set probe (Fig. 7B).</summary>
    public static readonly GridDeclaration Gpt2Mix = new("gpt2-mix", Gamma.AllThree, [new TokenSetsSpec()]);

    /// <summary>C18: four groups of memory pairs with nested label ranges, outputs per group (Fig. 8 right).</summary>
    public static readonly GridDeclaration LabelGroups = new("label-groups", [Gamma.SmallInit],
        [new LabelGroupOutputsSpec()]);

    /// <summary>C18 v3: the label groups on four disjoint anchor subsets (full and paper; not in the ci suite), with
    /// Prop. 1's prediction for each group from the training data.</summary>
    public static readonly GridDeclaration LabelGroupsDisjoint = new("label-groups-disjoint", [Gamma.SmallInit],
        [new LabelGroupOutputsSpec(), new LabelDistributionsSpec(WithGroupPrediction: true)]);

    /// <summary>C19: F_mem,1, labels uniform on Z (Fig. 8 left).</summary>
    public static readonly GridDeclaration MemUniform = new("mem-uniform", [Gamma.SmallInit], []);

    /// <summary>C19: F_mem,2, labels uniform on z ± Σa (Fig. 8 left).</summary>
    public static readonly GridDeclaration MemLocal = new("mem-local", [Gamma.SmallInit], []);

    /// <summary>C22: the transformer without its LayerNorms (App. F).</summary>
    public static readonly GridDeclaration TransformerNoLayerNorm = new("transformer-no-ln", Gamma.LargeAndSmall, []);

    /// <summary>C22: the transformer at a fifth of the learning rate (App. F).</summary>
    public static readonly GridDeclaration TransformerLowLr = new("transformer-low-lr", Gamma.LargeAndSmall, []);

    /// <summary>C23: the transformer trained with next-token loss on every position.</summary>
    public static readonly GridDeclaration TransformerNextToken =
        new("transformer-next-token", Gamma.LargeAndSmall, []);

    public static readonly IReadOnlyList<GridDeclaration> All =
    [
        Transformer, EmbMlp, NoisyEmbMlp, Gpt2Mix, LabelGroups, LabelGroupsDisjoint, MemUniform, MemLocal,
        TransformerNoLayerNorm, TransformerLowLr, TransformerNextToken,
    ];

    /// <summary>
    /// The Emb-MLP's early and late checkpoints in epochs. Paper: epochs 50 and 900 of 1,000; ci and full train 50
    /// epochs: epochs 5 and 45 (10% and 90% of training).
    /// </summary>
    public static (int Early, int Late) EmbMlpCheckpointEpochs(string profile) =>
        profile == Profiles.Paper ? (50, 900) : (5, 45);

    /// <summary>The early and late checkpoints as steps of an Emb-MLP run of this config.</summary>
    public static (int Early, int Late) EmbMlpCheckpoints(RunConfig c, string profile)
    {
        int trainCount = (
            (c.Task.MemAnchorMax - c.Task.MemAnchorMin + 1) * (c.Task.MemAnchorMax - c.Task.MemAnchorMin + 1)
            + (c.Task.RsnAnchorMax - c.Task.RsnAnchorMin + 1) * (c.Task.RsnAnchorMax - c.Task.RsnAnchorMin + 1)
            - c.Task.HeldOutPairs.Length) * c.Task.NumKeys;
        int perEpoch = trainCount / c.Train.BatchSize;
        var (earlyEpoch, lateEpoch) = EmbMlpCheckpointEpochs(profile);
        int early = earlyEpoch * perEpoch, late = lateEpoch * perEpoch;
        int last = c.Train.Steps / c.Train.EvalEvery * c.Train.EvalEvery;
        // Runs shrunk by an adjusted config (tests) may end before the profile's epochs: keep both inside them.
        return late <= last ? (early, late) : (c.Train.EvalEvery, last);
    }

    /// <summary>C10 (b) compares the update from step 0 to the first evaluation (one epoch) with the label
    /// distributions.</summary>
    public static int EmbMlpFirstUpdateStep(RunConfig c) => c.Train.EvalEvery;

    /// <summary>The steps at which an anchor-embedding probe records, for a run of this config.</summary>
    public static IReadOnlySet<int> StepsOf(AnchorSteps steps, RunConfig c, string profile)
    {
        if (steps != AnchorSteps.EmbMlpCheckpoints) throw new ArgumentOutOfRangeException(nameof(steps));
        var (early, late) = EmbMlpCheckpoints(c, profile);
        return new HashSet<int> { 0, EmbMlpFirstUpdateStep(c), early, late };
    }

    /// <summary>C18's "early in training" in the label-groups grid: the evaluation at 10% of the run's steps.
    /// </summary>
    public static int LabelGroupsEarlyStep(RunConfig c)
    {
        int target = c.Train.Steps / 10;
        return Math.Max(c.Train.EvalEvery, target / c.Train.EvalEvery * c.Train.EvalEvery);
    }
}
