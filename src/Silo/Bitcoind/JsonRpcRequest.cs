using System.Text.Json;

namespace Teos.Silo.Bitcoind;

/// <summary>Writes a JSON-RPC 1.0 request with positional parameters, as bitcoind-cli does.</summary>
internal static class JsonRpcRequest
{
    public static byte[] Serialize(long id, string method, IReadOnlyList<object> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "1.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            foreach (var parameter in parameters)
                WriteParameter(writer, parameter);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteParameter(Utf8JsonWriter writer, object parameter)
    {
        switch (parameter)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON-RPC parameter type {parameter.GetType()}", nameof(parameter));
        }
    }
}
