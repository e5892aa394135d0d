using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotProtocol.Schema;

/// <summary>
/// Writes a <see cref="JsonElement"/> as the bytes it was parsed from. The default writer unescapes every string and
/// escapes it again (each "é" of a stored prompt, every turn), although an element's JSON is valid as it stands.
/// </summary>
internal sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
            throw new InvalidOperationException("An undefined JSON element cannot be written.");
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }
}
