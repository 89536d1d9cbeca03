using System.Text.Json.Nodes;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>
/// A claim's outcome: the checks of the rule version that decides in this profile and every per-run number they were
/// computed from; a claim with a revised rule also records the other version's checks (v2 explored in ci, v1 kept in
/// full). Its JSON form is the snapshot content, so a reviewer sees a metric diff whenever a model or a default
/// changes.
/// </summary>
public sealed record ClaimResult(
    string Id, string Name, string Figure, string Profile, string Statement,
    IReadOnlyList<ClaimCheck> Checks, JsonObject Metrics,
    string RuleVersion = "v1", string? OtherVersion = null, IReadOnlyList<ClaimCheck>? OtherChecks = null)
{
    public bool Reproduced => Checks.All(c => c.Passed);
    public string Verdict => Reproduced ? "reproduced" : "not reproduced";

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
            ["checks"] = ChecksJson(Checks),
            ["metrics"] = Metrics.DeepClone(),
        };
        if (OtherChecks is not null)
        {
            // Only claims with a revised rule carry these, so the snapshots of the others are unchanged.
            snapshot["rule_version"] = RuleVersion;
            snapshot[$"checks_{OtherVersion}_recorded"] = ChecksJson(OtherChecks);
        }
        return snapshot;
    }

    /// <summary>Keyed by check name, so tolerance patterns can see what a number is ("*acc*": accuracies).</summary>
    private static JsonObject ChecksJson(IEnumerable<ClaimCheck> checks)
    {
        var o = new JsonObject();
        foreach (var c in checks)
        {
            var check = new JsonObject { ["rule"] = c.Rule, ["value"] = c.Value, ["passed"] = c.Passed };
            if (c.Detail is not null)
                check["detail"] =
                    new JsonObject(c.Detail.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            o[c.Name] = check;
        }
        return o;
    }

    public string Summary() =>
        $"{Id} {Verdict}: " + string.Join("; ", Checks.Select(c =>
            $"{c.Name} {(c.Passed ? "pass" : "FAIL")} ({c.Rule}; value {c.Value:G4})"));
}
