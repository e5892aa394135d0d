using System.Globalization;
using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;

namespace ProtectionBot.Handoff;

/// <summary>
/// The partner organisations of <c>knowledge/partners.yaml</c>, read and checked once at start-up: a wrong channel id
/// would send a defender's case to the wrong people, so any mistake stops the start with its file and line.
/// </summary>
internal sealed class PartnerDirectory
{
    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    private PartnerDirectory(IReadOnlyList<Partner> partners) => All = partners;

    public IReadOnlyList<Partner> All { get; }

    public Partner? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The partner whose Teams desk is this channel of this tenant, if any.</summary>
    public Partner? ForTeamsChannel(string? tenantId, string? channelId) =>
        tenantId is null || channelId is null
            ? null
            : All.FirstOrDefault(p => p.Teams is { } desk
                && string.Equals(desk.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(desk.ChannelId, channelId, StringComparison.Ordinal));

    /// <summary>The partner one of whose caseworkers has this WhatsApp number, if any.</summary>
    public Partner? ForWhatsAppNumber(string? number) =>
        number is null ? null : All.FirstOrDefault(p => p.WhatsApp?.Numbers.Contains(number) == true);

    /// <param name="path">The partners file.</param>
    /// <param name="relative">How messages name the file.</param>
    public static PartnerDirectory Load(string path, string relative, CountryCatalog countries)
    {
        var problems = new List<string>();
        if (!File.Exists(path))
            throw new ContentValidationException([$"{relative}: file missing"]);
        var partners = YamlEntry.Entries(YamlEntry.LoadFile(path, relative, problems), relative, problems, "partners")
            .Select(entry => Read(entry, countries))
            .OfType<Partner>()
            .ToList();
        foreach (var duplicate in partners.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"{duplicate.Last().Origin}: the id '{duplicate.Key}' is already used at {duplicate.First().Origin}");
        foreach (var shared in partners.Where(p => p.Teams is not null).GroupBy(p => (p.Teams!.TenantId, p.Teams.ChannelId)).Where(g => g.Count() > 1))
            problems.Add($"{shared.Last().Origin}: this Teams channel is already the desk of '{shared.First().Id}'; each partner needs its own");
        foreach (var shared in partners.SelectMany(p => p.WhatsApp?.Numbers.Select(n => (Number: n, Partner: p)) ?? []).GroupBy(x => x.Number).Where(g => g.Count() > 1))
            problems.Add($"{shared.Last().Partner.Origin}: a WhatsApp number is already registered for '{shared.First().Partner.Id}'");
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new PartnerDirectory(partners);
    }

    private static Partner? Read(YamlEntry entry, CountryCatalog countries)
    {
        var id = entry.String("id");
        var name = entry.String("name");
        var example = entry.Flag("example");
        var covers = entry.Codes("covers", [.. KnowledgeCodes.Memberships, .. KnowledgeCodes.Regions], required: false, countries.Contains);
        var languages = entry.Codes("languages", Language.All);
        var topics = entry.Codes("topics", KnowledgeCodes.Situations, required: false);
        var onCall = entry.Flag("on_call");
        var hours = entry.Map("hours", required: !onCall) is { } hoursEntry ? ReadHours(hoursEntry) : null;
        var responseHours = entry.Number("response_hours", 1, 168);
        var teams = entry.Map("teams", required: false) is { } teamsEntry ? ReadTeams(teamsEntry) : null;
        var whatsApp = entry.Map("whatsapp", required: false) is { } whatsAppEntry ? ReadWhatsApp(whatsAppEntry) : null;
        entry.Date("registered_on");
        entry.RejectUnknownKeys();
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]+(-[a-z0-9]+)*$"))
            entry.Problem($"'id' is '{id}'; write it in lower case with dashes, e.g. red-andina");
        if (teams is null && whatsApp is null)
            entry.Problem("a partner needs a desk to receive cases: 'teams' or 'whatsapp'");
        if (id is null || name is null || responseHours is null || (teams is null && whatsApp is null) || languages.Count == 0)
            return null;
        return new Partner
        {
            Id = id, Name = name, Example = example, Covers = covers, Languages = languages, Topics = topics, OnCall = onCall,
            Hours = hours, ResponseTime = TimeSpan.FromHours(responseHours.Value), Teams = teams, WhatsApp = whatsApp, Origin = entry.Origin,
        };
    }

    private static OpeningHours? ReadHours(YamlEntry entry)
    {
        var zone = entry.String("time_zone");
        var days = entry.Codes("days", Days.Keys);
        var from = Time(entry, "from");
        var to = Time(entry, "to");
        entry.RejectUnknownKeys();
        TimeZoneInfo? timeZone = null;
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out timeZone))
            entry.Problem($"'time_zone' is '{zone}', which is not a known IANA time zone (e.g. America/Bogota)");
        if (from is not null && to is not null && from >= to)
            entry.Problem("'from' must come before 'to'");
        if (timeZone is null || from is null || to is null || days.Count == 0 || from >= to)
            return null;
        return new OpeningHours(timeZone, days.Select(d => Days[d]).ToHashSet(), from.Value, to.Value);
    }

    private static TimeOnly? Time(YamlEntry entry, string key)
    {
        var text = entry.String(key);
        if (text is null)
            return null;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        entry.Problem($"'{key}' must be a time written HH:mm, found '{text}'");
        return null;
    }

    /// <summary>A Teams desk (<c>tenant_id</c>, <c>team_id</c>, <c>channel_id</c>, <c>service_url</c>), as partners and course staff register it.</summary>
    internal static TeamsDesk? ReadTeams(YamlEntry entry)
    {
        var tenant = entry.String("tenant_id");
        var team = entry.String("team_id");
        var channel = entry.String("channel_id");
        var serviceUrl = entry.String("service_url");
        entry.RejectUnknownKeys();
        if (tenant is not null && !Guid.TryParse(tenant, out _))
            entry.Problem($"'tenant_id' must be the tenant's GUID, found '{tenant}'");
        if (channel is not null && !channel.StartsWith("19:", StringComparison.Ordinal))
            entry.Problem("'channel_id' must be a Teams channel id, which starts with '19:'");
        if (serviceUrl is not null && !(Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            entry.Problem($"'service_url' must be the full https address Teams uses for the tenant, found '{serviceUrl}'");
        return tenant is null || team is null || channel is null || serviceUrl is null ? null : new TeamsDesk(tenant, team, channel, serviceUrl);
    }

    private static WhatsAppDesk? ReadWhatsApp(YamlEntry entry)
    {
        var numbers = entry.Strings("numbers");
        // The bot never reads WhatsApp profile names: a caseworker is named to the defender as the partner registered them.
        var names = entry.Strings("names", required: false);
        entry.RejectUnknownKeys();
        var digits = new List<string>();
        foreach (var number in numbers)
        {
            var cleaned = number.TrimStart('+').Replace(" ", "", StringComparison.Ordinal);
            if (cleaned.Length is >= 8 and <= 15 && cleaned.All(char.IsAsciiDigit))
                digits.Add(cleaned);
            else
                entry.Problem($"'numbers' must be international numbers, e.g. +57 300 1234567; one is not");
        }
        if (names.Count > 0 && names.Count != numbers.Count)
            entry.Problem($"'names' must give one name per number, in the same order ({numbers.Count} numbers, {names.Count} names)");
        return digits.Count == 0 ? null : new WhatsAppDesk(digits) { Names = names.Count == digits.Count ? names : [] };
    }
}
