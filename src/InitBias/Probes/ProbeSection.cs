namespace InitBias.Probes;

/// <summary>
/// The typed key of a probe's section: its top-level property Name in a line of probe.jsonl and the record it
/// holds. The probe that writes the section declares it (docs/probes.md), its writer and its readers name the same
/// object (ProbeLine.Get), so no reader spells the property by hand.
/// </summary>
public sealed record ProbeSection<T>(string Name) where T : class;
