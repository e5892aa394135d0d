using System.Reflection;
using BotProtocol.Schema;
using Microsoft.Extensions.Logging;

namespace ProtectionBot.Tests.Diagnostics;

/// <summary>
/// The app and its protocol library write into one log, where an operator's query or alert finds a kind of event by
/// its id: an id used twice makes one event pass for another. The ranges each area uses are in docs/architecture.md.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Logging = [typeof(Program).Assembly, typeof(Activity).Assembly];

    private const BindingFlags AnyMethod =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void Every_log_event_has_an_id_no_other_event_uses()
    {
        var events = Logging
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(AnyMethod))
            .Select(method => (Name: $"{method.DeclaringType!.FullName}.{method.Name}", Message: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Message is not null)
            .ToList();

        var problems = events
            .Where(e => e.Message!.EventId <= 0)
            .Select(e => $"{e.Name} has no event id")
            .Concat(events
                .GroupBy(e => e.Message!.EventId)
                .Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} is used by {string.Join(" and ", g.Select(e => e.Name))}"))
            .ToList();

        Assert.NotEmpty(events);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
