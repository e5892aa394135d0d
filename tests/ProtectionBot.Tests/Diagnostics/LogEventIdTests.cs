using System.Reflection;
using BotProtocol.Schema;
using Microsoft.Extensions.Logging;

namespace ProtectionBot.Tests.Diagnostics;

/// <summary>
/// The app and its protocol library write into one log, where an operator's query or alert finds a kind of event by
/// its id: an id used twice makes one event pass for another. Each assembly lists its ids in one registry
/// (<c>LogEvents</c>); the ranges each area uses are in docs/architecture.md.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Logging = [typeof(Program).Assembly, typeof(Activity).Assembly];

    private const BindingFlags AnyMethod =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_id_is_registered_twice_across_the_app_and_the_library()
    {
        var twice = Registered()
            .GroupBy(e => e.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} is registered as {string.Join(" and ", g.Select(e => e.Name))}");

        Assert.Empty(twice);
    }

    [Fact]
    public void Every_log_event_takes_its_id_from_its_assembly_s_registry()
    {
        var registered = Registered().ToLookup(e => e.Assembly);

        var unregistered = Logged()
            .Where(e => !registered[e.Assembly].Any(r => r.Id == e.Id))
            .Select(e => $"{e.Name} logs id {e.Id}, which its assembly's LogEvents does not list");

        Assert.NotEmpty(Logged());
        Assert.Empty(unregistered);
    }

    [Fact]
    public void Every_registered_id_is_logged_by_exactly_one_event()
    {
        var logged = Logged().ToLookup(e => (e.Assembly, e.Id));

        var problems = Registered()
            .Where(r => logged[(r.Assembly, r.Id)].Count() != 1)
            .Select(r => logged[(r.Assembly, r.Id)].Any()
                ? $"{r.Name} ({r.Id}) is logged by {string.Join(" and ", logged[(r.Assembly, r.Id)].Select(e => e.Name))}"
                : $"{r.Name} ({r.Id}) is logged by nothing");

        Assert.Empty(problems);
    }

    private static IEnumerable<(Assembly Assembly, string Name, int Id)> Registered() =>
        from assembly in Logging
        let registry = assembly.GetTypes().Single(t => t.Name == "LogEvents" && t.DeclaringType is null)
        from area in registry.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
        from field in area.GetFields(BindingFlags.Public | BindingFlags.Static)
        where field.IsLiteral && field.FieldType == typeof(int)
        select (assembly, $"{registry.FullName}.{area.Name}.{field.Name}", (int)field.GetRawConstantValue()!);

    private static List<(Assembly Assembly, string Name, int Id)> Logged() =>
        Logging
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(AnyMethod))
            .Select(method => (Method: method, Message: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Message is not null)
            .Select(e => (e.Method.DeclaringType!.Assembly, $"{e.Method.DeclaringType!.FullName}.{e.Method.Name}", e.Message!.EventId))
            .ToList();
}
