namespace InitBias.RealData;

/// <summary>
/// A C# port of the PrOntoQA v1 generator for the ModusPonens, fictional-ontology setting with one distractor and
/// postorder sentences (spec prontoqa-format.md §2). The rules are the official generator's; the random stream is
/// this project's (a seeded Rng), so examples are of the same form and statistics, not byte-identical.
/// </summary>
public static class ProntoQaGenerator
{
    public static readonly string[] Concepts =
        ["wumpus", "yumpus", "zumpus", "dumpus", "rompus", "numpus", "tumpus", "vumpus", "impus", "jompus"];
    public static readonly string[] Entities = ["Fae", "Rex", "Sally", "Max", "Alex", "Sam", "Polly", "Stella", "Wren"];
    public static readonly string[][] PropertyFamilies =
    [
        ["blue", "red", "brown", "orange"], ["small", "large"], ["metallic", "wooden", "luminous", "liquid"],
        ["transparent", "opaque"], ["nervous", "happy", "feisty", "shy"], ["bright", "dull"],
        ["sweet", "sour", "spicy", "bitter"], ["floral", "fruity", "earthy"],
        ["hot", "cold", "temperate"], ["kind", "mean", "angry", "amenable", "aggressive"],
    ];

    public static string Plural(string concept) => concept + "es";

    private sealed record Node(string Name, int Level, Node? Parent, string? Property, bool Negated);

    public static IReadOnlyList<ProntoQaExample> Generate(int count, int minHops, int maxHops, ulong seed)
    {
        if (minHops < 1 || maxHops > 5 || minHops > maxHops)
            throw new ArgumentException($"hops must lie in 1..5 (got {minHops}..{maxHops})");
        var rng = new Rng(seed);
        var list = new List<ProntoQaExample>(count);
        // As the fixture: equal numbers per hop count, in hop order.
        for (int h = minHops; h <= maxHops; h++)
            for (int i = 0; i < count / (maxHops - minHops + 1); i++) list.Add(Generate(h, rng));
        return list;
    }

    /// <summary>
    /// One example with the given number of hops; every failed draw starts over (rejection sampling, as the original).
    /// </summary>
    public static ProntoQaExample Generate(int hops, Rng rng)
    {
        while (true)
        {
            var example = TryGenerate(hops, rng);
            if (example is not null) return example;
        }
    }

    private static ProntoQaExample? TryGenerate(int hops, Rng rng)
    {
        var names = Concepts.ToList();
        string distractor = Take(names, rng);
        var families = PropertyFamilies.ToList();

        // 1-2. The ontology: a linear chain from a property-less root.
        double stop = 1.0 / (hops + 2);
        var chain = new List<Node> { new(Take(names, rng), 0, null, null, false) };
        while (true)
        {
            var parent = chain[^1];
            var family = families[rng.NextInt(families.Count)];
            families.Remove(family);
            int minChildren = Uniform(rng) < stop ? 0 : 1;
            int children = minChildren >= 1 ? 1 : rng.NextInt(2);
            if (names.Count == 0) children = 0;
            if (children == 0) break;
            string name = Take(names, rng);
            // Positive entries weigh 1, negated ones 0.5: P(negated) = 1/3.
            double r = Uniform(rng) * (family.Length * 1.5);
            bool negated = r >= family.Length;
            string property = negated ? family[(int)((r - family.Length) / 0.5)] : family[(int)r];
            chain.Add(new Node(name, parent.Level + 1, parent, property, negated));
            if (families.Count == 0) break;
        }

        // 3. Theory sentences, postorder: deepest node first, its property rule then its subsumption rule.
        var theory = new List<string>();
        var propertyRule = new Dictionary<Node, string>();
        var subsumptionRule = new Dictionary<Node, string>();
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            var n = chain[i];
            if (n.Property is not null)
            {
                propertyRule[n] = Rule(n.Name, n.Property, n.Negated, isConcept: false, rng);
                theory.Add(propertyRule[n]);
            }
            if (n.Parent is not null)
            {
                subsumptionRule[n] = Rule(n.Name, n.Parent.Name, false, isConcept: true, rng);
                theory.Add(subsumptionRule[n]);
            }
        }

        // 4. The question: a start node at level >= hops, a walk of hops - 1 parent moves, then the property.
        var candidates = chain.Where(n => n.Level >= hops).ToList();
        if (candidates.Count == 0) return null;
        var start = candidates[rng.NextInt(candidates.Count)];
        string entity = Entities[rng.NextInt(Entities.Length)];
        var current = start;
        int steps = 1;
        var path = new List<Node> { start };
        while (true)
        {
            double propertyWeight = current.Property is null ? 0 : current.Negated ? 0.7 : 0.3;
            if (Uniform(rng) * (1 + propertyWeight) < 1)
            {
                if (current.Parent is null) return null; // up from the root: fail
                current = current.Parent;
                path.Add(current);
                steps++;
            }
            else { steps++; break; }
        }
        if (steps != hops + 1) return null;
        string p = current.Property!;
        bool conclusionNegated = current.Negated;

        // 5. The distractor rule contradicts the conclusion for the distractor concept, at a random position.
        theory.Insert(rng.NextInt(theory.Count + 1), Rule(distractor, p, !conclusionNegated, isConcept: false, rng));

        // 6. Answer: half the queries are the negated conclusion.
        bool negateQuery = rng.NextInt(2) == 0;
        string premise = Fact(entity, start.Name, null, false);
        string question = string.Join(" ", theory) + " " + premise;
        string query = "True or false: " + Fact(entity, null, p, conclusionNegated ^ negateQuery);

        // 7. Chain of thought: premise, then per hop the rule copied from the context and the derived fact.
        var cot = new List<string> { premise };
        for (int i = 0; i + 1 < path.Count; i++)
        {
            cot.Add(subsumptionRule[path[i]]);
            cot.Add(Fact(entity, path[i + 1].Name, null, false));
        }
        cot.Add(propertyRule[current]);
        cot.Add(Fact(entity, null, p, conclusionNegated));
        return new ProntoQaExample(hops, question, query, cot, negateQuery ? "False" : "True");
    }

    /// <summary>
    /// A universally quantified rule, realised independently: plural (1/2), else "Every" or "Each" (1/4 each).
    /// </summary>
    private static string Rule(string concept, string target, bool negated, bool isConcept, Rng rng)
    {
        string not = negated ? "not " : "";
        if (rng.NextInt(2) == 0)
            return Capitalise($"{Plural(concept)} are {not}{(isConcept ? Plural(target) : target)}.");
        string quantifier = rng.NextInt(2) == 0 ? "every" : "each";
        return Capitalise($"{quantifier} {concept} is {not}{(isConcept ? Article(target) + " " + target : target)}.");
    }

    private static string Fact(string entity, string? concept, string? property, bool negated) =>
        concept is not null
            ? $"{entity} is {Article(concept)} {concept}."
            : $"{entity} is {(negated ? "not " : "")}{property}.";

    private static string Article(string word) =>
        "aeiou".Contains(char.ToLowerInvariant(word[0])) && !word.StartsWith("eu", StringComparison.OrdinalIgnoreCase)
            ? "an" : "a";

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Take(List<string> list, Rng rng)
    {
        int i = rng.NextInt(list.Count);
        var x = list[i];
        list.RemoveAt(i);
        return x;
    }

    private static double Uniform(Rng rng) => (rng.NextULong() >> 11) * (1.0 / (1UL << 53));
}
