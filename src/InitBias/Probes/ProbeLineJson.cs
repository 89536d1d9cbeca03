using System.Text.Json;
using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// A probe line as JSON: "step", then each section under its name, serialised as its record with the file's
/// options, then "is_empty" (always false in a file: the record that had one property per probe serialised its
/// IsEmpty too, and every line since ends with it). So a line holds exactly the bytes that record wrote
/// (ProbeLineBytesTests). Reading keeps each section's JSON for ProbeLine.Get; a section's record still refuses
/// members it does not know (ProbeFile.Options).
/// </summary>
internal sealed class ProbeLineJson : JsonConverter<ProbeLine>
{
    private const string StepName = "step", IsEmptyName = "is_empty";

    public override ProbeLine Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a probe line is an object");
        int? step = null;
        var sections = new List<SectionSlot>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == StepName) step = reader.GetInt32();
            else if (name == IsEmptyName) reader.GetBoolean(); // derived from the sections
            else sections.Add(SectionSlot.Parsed(name, JsonElement.ParseValue(ref reader)));
        }
        return ProbeLine.Read(step ?? throw new JsonException("a probe line without its step"), sections);
    }

    public override void Write(Utf8JsonWriter writer, ProbeLine value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(StepName, value.Step);
        foreach (var section in value.Sections) section.Write(writer, options);
        writer.WriteBoolean(IsEmptyName, value.IsEmpty);
        writer.WriteEndObject();
    }
}
