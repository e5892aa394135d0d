using System.Buffers;
using System.Text.Json;

namespace BotProtocol.Dialogs;

/// <summary>
/// Writes a JSON object member by member into a <see cref="JsonElement"/>. Dialog frames hold the application's
/// typed state next to the engine's bookkeeping, and cards are built without a card library, so both are written
/// directly with source-generated type information instead of through intermediate objects.
/// </summary>
internal static class JsonObjectWriter
{
    // Objects are written synchronously, so one buffer per thread is never shared by two writes.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static JsonElement Write<TArg>(TArg arg, Action<Utf8JsonWriter, TArg> writeMembers)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writeMembers(writer, arg);
        writer.WriteEndObject();
        writer.Flush();
        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
