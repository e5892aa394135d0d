using System.Text.Json;
using System.Text.RegularExpressions;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// Reads an ARM template the way its expressions refer to one another, without evaluating them: enough to say which
/// parameters and variables an expression needs, and which parameters are secret.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public JsonElement Parameters => Root.GetProperty("parameters");

    public JsonElement Variables => Root.TryGetProperty("variables", out var variables) ? variables : default;

    public IEnumerable<JsonElement> Resources => Root.GetProperty("resources").EnumerateArray();

    public JsonElement Outputs => Root.TryGetProperty("outputs", out var outputs) ? outputs : default;

    public static ArmTemplate Load(params string[] pathInRepository) =>
        new(JsonDocument.Parse(RepositoryFiles.ReadText(pathInRepository), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow }).RootElement);

    public IEnumerable<string> ParameterNames => Parameters.EnumerateObject().Select(p => p.Name);

    public IEnumerable<string> VariableNames => Variables.ValueKind == JsonValueKind.Object ? Variables.EnumerateObject().Select(v => v.Name) : [];

    public IReadOnlyList<string> SecureParameterNames =>
        Parameters.EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() is { } type && (type.Equals("securestring", StringComparison.OrdinalIgnoreCase) || type.Equals("secureObject", StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name)
            .ToList();

    public IEnumerable<JsonElement> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement Single(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>Every expression string under <paramref name="element"/> ("[...]", but not an escaped "[[...").</summary>
    public static IEnumerable<string> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']'))
                    yield return text;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // A property name may be an expression too (the identity map of a Web App is keyed by one).
                    foreach (var expression in Expressions(JsonSerializer.SerializeToElement(property.Name)).Concat(Expressions(property.Value)))
                        yield return expression;
                }
                break;
            case JsonValueKind.Array:
                foreach (var expression in element.EnumerateArray().SelectMany(Expressions))
                    yield return expression;
                break;
            default:
                break;
        }
    }

    public static IEnumerable<string> ParameterReferences(string expression) => ParameterCall().Matches(expression).Select(m => m.Groups[1].Value);

    public static IEnumerable<string> VariableReferences(string expression) => VariableCall().Matches(expression).Select(m => m.Groups[1].Value);

    /// <summary>The parameters an element needs, directly or through the variables it uses.</summary>
    public ISet<string> ParametersNeededBy(JsonElement element)
    {
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        var seenVariables = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<JsonElement>([element]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var expression in Expressions(next))
            {
                parameters.UnionWith(ParameterReferences(expression));
                foreach (var variable in VariableReferences(expression).Where(seenVariables.Add))
                {
                    if (Variables.ValueKind == JsonValueKind.Object && Variables.TryGetProperty(variable, out var value))
                        pending.Enqueue(value);
                }
            }
        }
        return parameters;
    }

    /// <summary>The variables an element needs, directly or through other variables.</summary>
    public ISet<string> VariablesNeededBy(JsonElement element)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<JsonElement>([element]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var variable in Expressions(next).SelectMany(VariableReferences).Where(seen.Add))
            {
                if (Variables.ValueKind == JsonValueKind.Object && Variables.TryGetProperty(variable, out var value))
                    pending.Enqueue(value);
            }
        }
        return seen;
    }

    [GeneratedRegex(@"\bparameters\(\s*'([^']+)'\s*\)")]
    private static partial Regex ParameterCall();

    [GeneratedRegex(@"\bvariables\(\s*'([^']+)'\s*\)")]
    private static partial Regex VariableCall();
}
