using System.Text.Json.Nodes;

namespace InitBias.Claims;

/// <summary>
/// A claim's outcome: the checks of its decision rule and every per-run number they were computed from. Its JSON
/// form is the snapshot content, so a reviewer sees a metric diff whenever a model or a default changes.
/// </summary>
public sealed record ClaimResult(
    string Id, string Name, string Figure, string Profile, string Statement,
    IReadOnlyList<ClaimCheck> Checks, JsonObject Metrics)
{
    public bool Reproduced => Checks.All(c => c.Passed);
    public string Verdict => Reproduced ? "reproduced" : "not reproduced";

    public JsonObject ToSnapshot()
    {
        // Keyed by check name, so tolerance patterns can see what a number is (e.g. "*acc*" for accuracy checks).
        var checks = new JsonObject();
        foreach (var c in Checks)
        {
            var o = new JsonObject { ["rule"] = c.Rule, ["value"] = c.Value, ["passed"] = c.Passed };
            if (c.Detail is not null)
                o["detail"] = new JsonObject(c.Detail.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            checks[c.Name] = o;
        }
        return new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["figure"] = Figure,
            ["profile"] = Profile,
            ["statement"] = Statement,
            ["verdict"] = Verdict,
            ["checks"] = checks,
            ["metrics"] = Metrics.DeepClone(),
        };
    }

    public string Summary() =>
        $"{Id} {Verdict}: " + string.Join("; ", Checks.Select(c =>
            $"{c.Name} {(c.Passed ? "pass" : "FAIL")} ({c.Rule}; value {c.Value:G4})"));
}
