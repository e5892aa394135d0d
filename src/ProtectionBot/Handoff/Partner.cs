using ProtectionBot.Knowledge;

namespace ProtectionBot.Handoff;

/// <summary>
/// A partner organisation from <c>knowledge/partners.yaml</c>: where it works, in which languages and on what, when its
/// caseworkers answer, and the one place each of its desks receives cases. Only those desks can act on its cases.
/// </summary>
internal sealed record Partner
{
    public required string Id { get; init; }

    /// <summary>The organisation's own name, as the defender is told it.</summary>
    public required string Name { get; init; }

    /// <summary>A demonstration entry shipped with the bot; a deployment replaces it with its real partners.</summary>
    public bool Example { get; init; }

    /// <summary>Countries (ISO codes), regions or memberships it takes cases from; empty means anywhere.</summary>
    public IReadOnlyList<string> Covers { get; init; } = [];

    /// <summary>Languages its caseworkers write in (es, fr, en).</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Situation codes it works on; empty means any.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Someone answers day and night: the only partners offered cases of immediate danger first.</summary>
    public bool OnCall { get; init; }

    /// <summary>When its caseworkers are at work; null with <see cref="OnCall"/> means always.</summary>
    public OpeningHours? Hours { get; init; }

    /// <summary>How long, within opening hours, a caseworker usually takes to first write: what the defender is told.</summary>
    public required TimeSpan ResponseTime { get; init; }

    public TeamsDesk? Teams { get; init; }

    public WhatsAppDesk? WhatsApp { get; init; }

    /// <summary>Where in the file it is written, for messages about it.</summary>
    public required string Origin { get; init; }

    public bool WorksIn(Country? country) =>
        Covers.Count == 0 || (country is not null && Covers.Any(country.IsIn));

    public bool WorksOn(IReadOnlyCollection<string> situations) =>
        Topics.Count == 0 || situations.Count == 0 || situations.Any(Topics.Contains);
}

/// <summary>The Teams channel where a partner's caseworkers receive cases (Teams app installed in that team).</summary>
internal sealed record TeamsDesk(string TenantId, string TeamId, string ChannelId, string ServiceUrl);

/// <summary>The WhatsApp numbers (digits of the international form, no '+') of a partner's caseworkers.</summary>
internal sealed record WhatsAppDesk(IReadOnlyList<string> Numbers)
{
    /// <summary>The caseworkers' names, one per number in the same order, when the partner gave them; empty otherwise.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>How the caseworker at <paramref name="number"/> is named to the defender and to colleagues; null when not given.</summary>
    public string? NameOf(string number)
    {
        var index = Numbers.ToList().IndexOf(number);
        return index >= 0 && index < Names.Count ? Names[index] : null;
    }
}

/// <summary>Working days and hours in the partner's own time zone.</summary>
internal sealed record OpeningHours(TimeZoneInfo TimeZone, IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Days.Contains(local.DayOfWeek) && time >= From && time < To;
    }

    /// <summary>The next moment at or after <paramref name="now"/> when the desk is open.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
            return now;
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
                continue;
            var opening = date.ToDateTime(From);
            var offset = TimeZone.GetUtcOffset(opening);
            var candidate = new DateTimeOffset(opening, offset);
            if (candidate >= now)
                return candidate;
        }
        return now;
    }
}
