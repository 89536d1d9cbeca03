using InitBias.Reading;

namespace InitBias.Figures;

/// <summary>
/// A rule's threshold on one panel of the inspection figure (InspectionFigure), drawn as a dashed horizontal line.
/// Panel names the statistic by its MechanismRow property (nameof(MechanismRow.Rho)); Rule is the label the panel's
/// title carries ("C12: < -0.5"). Value is a fixed threshold, drawn once in grey; PerRun one that depends on the
/// run (C20's half of the run's own step-0 effective rank), drawn in the run's colour. The thresholds come from the
/// claims (Pipeline.InspectionThresholds): figures never read a claim.
/// </summary>
public sealed record PanelThreshold(string Panel, string Rule, double? Value = null,
    Func<InspectedRun, double?>? PerRun = null);
