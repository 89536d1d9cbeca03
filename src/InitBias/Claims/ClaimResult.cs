using System.Text.Json.Nodes;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// A claim's outcome: the checks (and premise) of the rule version that decides in this profile and every per-run
/// number they were computed from; a claim with revised rules also records the other versions' checks (later ones
/// explored in ci, earlier ones kept in full). Its JSON form is the snapshot content, so a reviewer sees a metric
/// diff whenever a model or a default changes.
/// </summary>
public sealed record ClaimResult(
    string Id, string Name, string Figure, string Profile, string Statement,
    IReadOnlyList<ClaimCheck> Checks, JsonObject Metrics, string RuleVersion = "v1")
{
    /// <summary>The rule versions that did not decide here, recorded beside the deciding one.</summary>
    public IReadOnlyList<Claims.RuleVersion> Others { get; init; } = [];

    /// <summary>The deciding rule's check of the claim's premise (Claim.Premise), if it has one (until v4).</summary>
    public ClaimCheck? Premise { get; init; }

    /// <summary>The deciding v4 rule's premises, each with the checks it gates (RuleVersion.Gated).</summary>
    public IReadOnlyList<GatedPremise> Gated { get; init; } = [];

    public bool Reproduced => Status == ClaimStatus.Reproduced;

    public ClaimStatus Status => Verdicts.Of(Checks, Premise, Gated);

    public string Verdict => ExpectedStatus.Text(Status);

    public JsonObject ToSnapshot()
    {
        var snapshot = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["figure"] = Figure,
            ["profile"] = Profile,
            ["statement"] = Statement,
            ["verdict"] = Verdict,
            ["checks"] = ChecksJson(Checks, Gated),
            ["metrics"] = Metrics.DeepClone(),
        };
        // Only claims whose rule checks a premise, or that have revised rules, carry these fields, so the snapshots
        // of the others are unchanged.
        if (Premise is not null) snapshot["premise"] = PremiseJson(Premise);
        if (Gated.Count > 0) snapshot["premises"] = PremisesJson(Gated);
        if (Others.Count > 0) snapshot["rule_version"] = RuleVersion;
        foreach (var other in Others)
        {
            snapshot[$"checks_{other.Name}_recorded"] = ChecksJson(other.Checks, other.Gated);
            if (other.Premise is not null) snapshot[$"premise_{other.Name}_recorded"] = PremiseJson(other.Premise);
            if (other.Gated.Count > 0) snapshot[$"premises_{other.Name}_recorded"] = PremisesJson(other.Gated);
        }
        return snapshot;
    }

    /// <summary>v4: each premise keyed by name, with the checks it gates.</summary>
    private static JsonObject PremisesJson(IReadOnlyList<GatedPremise> gated)
    {
        var o = new JsonObject();
        foreach (var p in gated)
        {
            var premise = PremiseJson(p.Check);
            premise.Remove("name");
            premise["gates"] = new JsonArray(p.Gates.Select(g => (JsonNode?)g).ToArray());
            o[p.Check.Name] = premise;
        }
        return o;
    }

    private static JsonObject PremiseJson(ClaimCheck premise)
    {
        var o = new JsonObject { ["name"] = premise.Name };
        foreach (var (key, value) in ChecksJson([premise])[premise.Name]!.AsObject()) o[key] = value?.DeepClone();
        return o;
    }

    /// <summary>
    /// Keyed by check name, so tolerance patterns can see what a number is ("*acc*": accuracies). A check a failed v4
    /// premise leaves undecided says so ("undecided": true); the others carry no such field.
    /// </summary>
    private static JsonObject ChecksJson(IEnumerable<ClaimCheck> checks, IReadOnlyList<GatedPremise>? gated = null)
    {
        var undecided = gated is null ? new HashSet<string>() : Verdicts.Undecided(gated);
        var o = new JsonObject();
        foreach (var c in checks)
        {
            var check = new JsonObject { ["rule"] = c.Rule, ["value"] = c.Value, ["passed"] = c.Passed };
            if (undecided.Contains(c.Name)) check["undecided"] = true;
            if (c.Detail is not null)
                check["detail"] =
                    new JsonObject(c.Detail.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            o[c.Name] = check;
        }
        return o;
    }

    public string Summary()
    {
        string premise = Premise is null ? ""
            : $"premise {Premise.Name} {(Premise.Passed ? "holds" : "FAILS")} ({Premise.Rule}; value " +
              $"{Premise.Value:G4}); ";
        foreach (var p in Gated)
            premise += $"premise {p.Check.Name} {(p.Check.Passed ? "holds" : "FAILS")} ({p.Check.Rule}; value " +
                       $"{p.Check.Value:G4}; gates {string.Join(", ", p.Gates)}); ";
        var undecided = Verdicts.Undecided(Gated);
        return $"{Id} {Verdict}: {premise}" + string.Join("; ", Checks.Select(c =>
            $"{c.Name} {(undecided.Contains(c.Name) ? "undecided" : c.Passed ? "pass" : "FAIL")} ({c.Rule}; " +
            $"value {c.Value:G4})"));
    }
}
