using System.Globalization;
using System.Text.Json.Nodes;
using InitBias.Snapshots;

namespace InitBias.Reports;

/// <summary>One check of a claim as its snapshot recorded it: rule, decision, statistic and per-seed values.</summary>
public sealed record ReportedCheck(string Name, string Rule, double Value, bool Passed,
    IReadOnlyDictionary<string, double> Detail)
{
    /// <summary>A failed v4 premise gates this check: it decides nothing (snapshot field "undecided").</summary>
    public bool Undecided { get; init; }

    /// <summary>Per-seed values in seed order ("seed9" … "seed16").</summary>
    public IReadOnlyList<(long Seed, double Value)> PerSeed =>
        Detail.Where(kv => kv.Key.StartsWith("seed", StringComparison.Ordinal))
            .Select(kv => (long.Parse(kv.Key[4..], CultureInfo.InvariantCulture), kv.Value))
            .OrderBy(x => x.Item1).ToList();
}

/// <summary>
/// A claim's verified snapshot in one profile (claims/InitBias.Claims/{Name}.Holds.{profile}.verified.json): what a
/// report shows. Read from the snapshots, never from a run, so the report says what review accepted.
/// </summary>
public sealed record ReportedClaim(string Id, string Name, string Figure, string Statement, string Profile,
    string Verdict, string RuleVersion, IReadOnlyList<ReportedCheck> Checks, IReadOnlyDictionary<string, string> Env)
{
    public const string SnapshotPattern = "*.Holds.*.verified.json";

    /// <summary>The deciding rule's check of the claim's premise, when it has one (snapshot key "premise").</summary>
    public ReportedCheck? PremiseCheck { get; init; }

    /// <summary>The deciding v4 rule's premises, each with the names of the checks it gates ("premises").</summary>
    public IReadOnlyList<(ReportedCheck Premise, IReadOnlyList<string> Gates)> GatedPremises { get; init; } = [];

    /// <summary>The claim's premise in words (Claim.Premise), or that it has none.</summary>
    public string PremiseText => Claims.ClaimRegistry.All.FirstOrDefault(c => c.Id == Id)?.Premise
                                 ?? "none: the sentence holds at any point of training";

    /// <summary>
    /// The last comparison's differences when it left a received snapshot beside the verified one (a mismatch, or a
    /// run in another numeric environment); null when there is none: the snapshot matched, or was not compared here.
    /// </summary>
    public IReadOnlyList<SnapshotDifference>? Differences { get; init; }

    /// <summary>
    /// Every verified snapshot in the folder, by claim id then profile (ci, full, paper); with
    /// <paramref name="withReceived"/>, each with the differences of a received snapshot beside it.
    /// </summary>
    public static IReadOnlyList<ReportedClaim> LoadAll(string snapshotFolder, bool withReceived = false)
    {
        if (!Directory.Exists(snapshotFolder))
            throw new DirectoryNotFoundException($"no snapshot folder at {snapshotFolder}");
        var claims = Directory.EnumerateFiles(snapshotFolder, SnapshotPattern)
            .Select(path => withReceived ? Load(path) with { Differences = Received(path) } : Load(path)).ToList();
        if (claims.Count == 0) throw new InvalidDataException($"no verified snapshots in {snapshotFolder}");
        return claims.OrderBy(c => c.Id, StringComparer.Ordinal)
            .ThenBy(c => Array.IndexOf(Experiments.Profiles.All, c.Profile)).ToList();
    }

    public static ReportedClaim Load(string path)
    {
        var o = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new InvalidDataException($"{path} is not a JSON object");
        string Text(string key) => o[key]?.GetValue<string>()
                                   ?? throw new InvalidDataException($"{path}: no '{key}'");
        var checks = (o["checks"]?.AsObject() ?? throw new InvalidDataException($"{path}: no 'checks'"))
            .Select(kv => Check(kv.Key, kv.Value!.AsObject())).ToList();
        var env = o["environment"]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "")
                  ?? new Dictionary<string, string>();
        return new ReportedClaim(Text("id"), Text("name"), Text("figure"), Text("statement"), Text("profile"),
            Text("verdict"), o["rule_version"]?.GetValue<string>() ?? "v1", checks, env)
        {
            PremiseCheck = o["premise"] is JsonObject p ? Check(p["name"]!.GetValue<string>(), p) : null,
            GatedPremises = o["premises"] is JsonObject ps
                ? ps.Select(kv => (Check(kv.Key, kv.Value!.AsObject()),
                    (IReadOnlyList<string>)kv.Value!["gates"]!.AsArray().Select(g => g!.GetValue<string>()).ToList()))
                    .ToList()
                : [],
        };
    }

    private static IReadOnlyList<SnapshotDifference>? Received(string verifiedPath)
    {
        string received = verifiedPath[..^".verified.json".Length] + ".received.json";
        if (!File.Exists(received)) return null;
        return SnapshotVerifier.Compare(JsonNode.Parse(File.ReadAllText(verifiedPath))!.AsObject(),
            JsonNode.Parse(File.ReadAllText(received))!.AsObject(), SnapshotTolerance.Defaults);
    }

    private static ReportedCheck Check(string name, JsonObject c) =>
        new(name, c["rule"]!.GetValue<string>(), c["value"]!.GetValue<double>(), c["passed"]!.GetValue<bool>(),
            c["detail"]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>())
            ?? new Dictionary<string, double>())
        {
            Undecided = c["undecided"]?.GetValue<bool>() ?? false,
        };

    public bool Reproduced => Verdict == "reproduced";

    /// <summary>CSS class and Markdown word of the verdict: yes, no or undecided.</summary>
    public string VerdictClass => Verdict switch { "reproduced" => "yes", "undecided" => "undecided", _ => "no" };

    /// <summary>The premise line a report prints under the verdict (v4: every premise and what it gates).</summary>
    public string PremiseLine => GatedPremises.Count > 0
        ? $"Premise: {PremiseText}: " + string.Join("; ", GatedPremises.Select(g =>
            $"{g.Premise.Name} {(g.Premise.Passed ? "held" : "did not hold")} ({g.Premise.Rule}; value " +
            $"{g.Premise.Value:G4}), gating {string.Join(", ", g.Gates)}"))
        : PremiseCheck is { } p
        ? $"Premise: {PremiseText}: {(p.Passed ? "held" : "did not hold")} ({p.Rule}; value {p.Value:G4})"
        : $"Premise: {PremiseText}" + (Claims.ClaimRegistry.All.Any(c => c.Id == Id && c.Premise is not null)
            ? " (not checked by this rule version)" : "");
}
