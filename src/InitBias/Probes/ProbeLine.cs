using System.Text.Json;
using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// What the probes of a run read at one evaluation (a line of probe.jsonl): the step and one section per probe that
/// recorded something at it, each under its own top-level property (ProbeSection), in the order the probes wrote
/// them. A line read from a file keeps each section as JSON until a reader asks for it by its typed key, so a new
/// probe's section needs no change here.
/// </summary>
[JsonConverter(typeof(ProbeLineJson))]
public sealed class ProbeLine(int step)
{
    /// <summary>The keys of the sections that predate ProbeSection, kept beside the typed properties their readers
    /// use (the other sections declare their key on their record).</summary>
    public static readonly ProbeSection<AnchorEmbeddings> AnchorsSection = new("anchors");
    public static readonly ProbeSection<MechanismReadout> MechanismSection = new("mechanism");

    private readonly IReadOnlyList<SectionSlot> _sections = [];

    private ProbeLine(int step, IReadOnlyList<SectionSlot> sections) : this(step) => _sections = sections;

    public int Step { get; } = step;

    public bool IsEmpty => _sections.Count == 0;

    /// <summary>The section under this key, or null where its probe recorded nothing at this step.</summary>
    public T? Get<T>(ProbeSection<T> section) where T : class =>
        _sections.FirstOrDefault(s => s.Name == section.Name)?.As<T>();

    /// <summary>This line with the section set (appended, or replaced in place).</summary>
    public ProbeLine With<T>(ProbeSection<T> section, T value) where T : class
    {
        var slot = SectionSlot.Of(section.Name, value, typeof(T));
        var list = _sections.Select(s => s.Name == section.Name ? slot : s).ToList();
        if (!_sections.Any(s => s.Name == section.Name)) list.Add(slot);
        return new ProbeLine(Step, list);
    }

    /// <summary>The anchors' embeddings and cosines (AnchorEmbeddingsSpec).</summary>
    public AnchorEmbeddings? Anchors => Get(AnchorsSection);
    /// <summary>The transformer's mechanism statistics (MechanismSpec).</summary>
    public MechanismReadout? Mechanism => Get(MechanismSection);
    /// <summary>gpt2-mix: embedding cosines of the corpus-only token sets (TokenSetsSpec).</summary>
    public TokenSetCosines? TokenSets => Get(TokenSetCosines.Section);
    /// <summary>label-groups: outputs per label group 1..4 (LabelGroupOutputsSpec).</summary>
    public GroupOutputs[]? Outputs => Get(GroupOutputs.Section);

    internal IReadOnlyList<SectionSlot> Sections => _sections;

    internal static ProbeLine Read(int step, IReadOnlyList<SectionSlot> sections) => new(step, sections);
}

/// <summary>
/// One section of a line: the value a writer set (with the type it is serialised as), or, read from a file, its
/// JSON, deserialised on first use and then kept as the value.
/// </summary>
internal sealed class SectionSlot
{
    private JsonElement? _json;
    private object? _value;
    private Type? _type;

    private SectionSlot(string name) => Name = name;

    public string Name { get; }

    public static SectionSlot Of(string name, object value, Type type) => new(name) { _value = value, _type = type };

    public static SectionSlot Parsed(string name, JsonElement json) => new(name) { _json = json };

    public T? As<T>() where T : class
    {
        if (_value is T known) return known;
        if (_json is not { } json)
            throw new InvalidOperationException($"probe section {Name} holds a {_type?.Name}, not a {typeof(T).Name}");
        var value = json.Deserialize<T>(ProbeFile.Options);
        // Readers share lines across threads: a race deserialises twice and keeps either, equal, value.
        if (value is not null) (_value, _type) = (value, typeof(T));
        return value;
    }

    public void Write(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        writer.WritePropertyName(Name);
        if (_type is not null) JsonSerializer.Serialize(writer, _value, _type, options);
        else _json!.Value.WriteTo(writer);
    }
}
