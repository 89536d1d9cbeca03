namespace InitBias.Grids;

/// <summary>
/// A γ × seed grid of one experiment, declared once (ClaimGrids): the experiment it trains, its γ values, and the
/// probes it records. The seeds are the profile's claim seeds; the members train as one ensemble into
/// {out}/{Folder}/g{γ}-s{seed}.
/// </summary>
public sealed record GridDeclaration(string Experiment, IReadOnlyList<double> Gammas, IReadOnlyList<ProbeSpec> Probes)
{
    public string Folder => $"{Experiment}-grid";

    public bool Equals(GridDeclaration? other) =>
        other is not null && Experiment == other.Experiment && Gammas.SequenceEqual(other.Gammas)
        && Probes.SequenceEqual(other.Probes);

    public override int GetHashCode() => HashCode.Combine(Experiment, Gammas.Count, Probes.Count);

    public override string ToString() => $"{Experiment} grid (γ {string.Join(", ", Gammas)})";
}
