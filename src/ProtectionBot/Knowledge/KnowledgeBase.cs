using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ProtectionBot.Content;

namespace ProtectionBot.Knowledge;

/// <summary>
/// The mechanisms, trainings and references of <c>knowledge/</c>, read and checked once at start-up. Any mistake stops
/// the start with every problem's file and line, so a caseworker's typo never reaches a defender as a wrong route.
/// </summary>
internal sealed partial class KnowledgeBase
{
    private static readonly string[] TrainingAvailabilities = ["dated", "always", "on-request"];

    private KnowledgeBase(FrozenDictionary<string, Mechanism> mechanisms, IReadOnlyList<Training> trainings, IReadOnlyList<Reference> references)
    {
        Mechanisms = mechanisms;
        Trainings = trainings;
        References = references;
    }

    public IReadOnlyDictionary<string, Mechanism> Mechanisms { get; }

    public IReadOnlyList<Training> Trainings { get; }

    public IReadOnlyList<Reference> References { get; }

    /// <param name="contentRoot">The folder holding <c>knowledge/</c>.</param>
    /// <param name="today">Facts cannot have been verified after this day.</param>
    /// <param name="isPlace">Whether a code names a country (ISO code) known to the country list.</param>
    public static KnowledgeBase Load(string contentRoot, DateOnly today, Func<string, bool> isPlace)
    {
        var problems = new List<string>();
        var folder = Path.Combine(contentRoot, "knowledge");
        var mechanisms = new List<Mechanism>();
        var mechanismFolder = Path.Combine(folder, "mechanisms");
        var files = Directory.Exists(mechanismFolder) ? Directory.GetFiles(mechanismFolder, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
            problems.Add("knowledge/mechanisms/: no mechanism files (*.yaml)");
        foreach (var path in files)
        {
            var relative = $"knowledge/mechanisms/{Path.GetFileName(path)}";
            foreach (var entry in YamlEntry.Entries(YamlEntry.LoadFile(path, relative, problems), relative, problems, "mechanisms"))
            {
                if (ReadMechanism(entry, today, isPlace) is { } mechanism)
                    mechanisms.Add(mechanism);
            }
        }

        var trainings = ReadList(folder, "trainings.yaml", "trainings", problems, entry => ReadTraining(entry, today, isPlace));
        var references = ReadList(folder, "references.yaml", "references", problems, entry => ReadReference(entry, today));

        RejectDuplicateIds([.. mechanisms.Select(m => (m.Id, m.Origin)), .. trainings.Select(t => (t.Id, t.Origin)), .. references.Select(r => (r.Id, r.Origin))], problems);
        if (problems.Count > 0)
            throw new ContentValidationException(problems);
        return new KnowledgeBase(mechanisms.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal), trainings, references);
    }

    private static List<T> ReadList<T>(string folder, string fileName, string what, List<string> problems, Func<YamlEntry, T?> read)
        where T : class
    {
        var relative = $"knowledge/{fileName}";
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            problems.Add($"{relative}: file missing");
            return [];
        }
        return [.. YamlEntry.Entries(YamlEntry.LoadFile(path, relative, problems), relative, problems, what).Select(read).OfType<T>()];
    }

    private static Mechanism? ReadMechanism(YamlEntry entry, DateOnly today, Func<string, bool> isPlace)
    {
        var id = Id(entry);
        var name = entry.Localized("name");
        var system = entry.Code("system", KnowledgeCodes.Systems);
        var kinds = entry.Codes("kinds", KnowledgeCodes.Kinds);
        var covers = entry.Codes("covers", [.. KnowledgeCodes.Memberships, .. KnowledgeCodes.Regions], required: false, isPlace);
        var situations = entry.Codes("situations", KnowledgeCodes.Situations);
        var profiles = entry.Codes("profiles", KnowledgeCodes.Profiles);
        var urgency = entry.Codes("urgency", KnowledgeCodes.Urgencies);
        var prerequisites = entry.Localized("prerequisites", required: false);
        var timeLimit = entry.Localized("time_limit", required: false);
        var prepare = entry.Localized("prepare");
        var submit = entry.Localized("submit");
        var response = entry.Localized("response", required: false);
        var caveats = entry.Localized("caveats", required: false);
        var languages = Languages(entry);
        var links = entry.Links("links");
        var email = entry.String("email", required: false);
        var phone = entry.String("phone", required: false);
        var sources = entry.Strings("sources");
        var lastVerified = entry.LastVerified(today);
        entry.RejectUnknownKeys();
        if (links.Count == 0)
            entry.Problem("'links' needs at least one official page: it is what the defender opens");
        if (phone is not null && !PhoneNumber.IsInternational(phone))
            entry.Problem($"'phone' is '{phone}'; write it as + and the country code, then digits in groups separated by single spaces (e.g. +353 1 210 0489), so that phones and WhatsApp can call it with one tap");
        if (id is null || name is null || system is null || prepare is null || submit is null || links.Count == 0)
            return null;
        return new Mechanism
        {
            Id = id, Name = name, System = system, Kinds = kinds, Covers = covers, Situations = situations, Profiles = profiles,
            Urgency = urgency, Prerequisites = prerequisites, TimeLimit = timeLimit, Prepare = prepare, Submit = submit,
            Response = response, Caveats = caveats, Languages = languages, Links = links, Email = email, Phone = phone,
            Sources = sources, LastVerified = lastVerified, Origin = entry.Origin,
        };
    }

    /// <summary>The fields a training may mark as <c>unverified</c>: the ones the bot quotes to people.</summary>
    public static readonly IReadOnlyList<string> QuotableTrainingFields =
        ["description", "eligibility", "priorities", "place", "cost", "scholarships", "certificate", "obligations", "how_to_apply", "contact", "editions", "stages"];

    private static Training? ReadTraining(YamlEntry entry, DateOnly today, Func<string, bool> isPlace)
    {
        var id = Id(entry);
        var name = entry.Localized("name");
        var shortName = entry.Localized("short_name", required: false);
        var aliases = entry.Strings("aliases", required: false);
        var heldIn = entry.Strings("held_in", required: false);
        var unverified = entry.Codes("unverified", QuotableTrainingFields, required: false);
        var organiser = entry.String("organiser");
        var availability = entry.Code("availability", TrainingAvailabilities);
        var stages = entry.List("stages", "stages", required: false).Select(ReadStage).OfType<TrainingStage>().ToList();
        var stageIds = stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var editions = entry.List("editions", "editions", required: availability == "dated").Select(e => ReadEdition(e, stageIds)).OfType<TrainingEdition>().ToList();
        var description = entry.Localized("description");
        var eligibility = entry.Localized("eligibility");
        var priorities = entry.Localized("priorities", required: false);
        var priorityCountries = entry.Codes("priority_countries", [], required: false, isPlace);
        var priorityProfiles = entry.Codes("priority_profiles", KnowledgeCodes.Profiles, required: false);
        var openTo = entry.Codes("open_to", [.. KnowledgeCodes.Memberships, .. KnowledgeCodes.Regions], required: false, isPlace);
        var languages = Languages(entry);
        var place = entry.Localized("place", required: false);
        var cost = entry.Localized("cost", required: false);
        var scholarships = entry.Localized("scholarships", required: false);
        var certificate = entry.Localized("certificate", required: false);
        var obligations = entry.Localized("obligations", required: false);
        var howToApply = entry.Localized("how_to_apply");
        var contact = entry.Localized("contact", required: false);
        var links = entry.Links("links");
        var sources = entry.Strings("sources");
        var lastVerified = entry.LastVerified(today);
        entry.RejectUnknownKeys();
        if (availability != "dated" && editions.Count > 0)
            entry.Problem($"'editions' are only for dated trainings; this one is '{availability}'");
        if (links.Count == 0)
            entry.Problem("'links' needs at least one page");
        if ((priorityCountries.Count > 0 || priorityProfiles.Count > 0) && priorities is null)
            entry.Problem("'priority_countries' and 'priority_profiles' need a 'priorities' text that explains them");
        foreach (var duplicate in stages.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            entry.Problem($"stage '{duplicate.Key}' is listed {duplicate.Count()} times");
        if (id is null || name is null || organiser is null || availability is null || description is null || eligibility is null || howToApply is null || links.Count == 0)
            return null;
        return new Training
        {
            Id = id, Name = name, ShortName = shortName, Aliases = aliases, HeldIn = heldIn, Unverified = unverified, Organiser = organiser,
            Availability = availability, Editions = editions, Description = description, Eligibility = eligibility,
            Priorities = priorities, PriorityCountries = priorityCountries, PriorityProfiles = priorityProfiles, Stages = stages,
            OpenTo = openTo, Languages = languages, Place = place, Cost = cost, Scholarships = scholarships, Certificate = certificate,
            Obligations = obligations, HowToApply = howToApply, Contact = contact, Links = links, Sources = sources,
            LastVerified = lastVerified, Origin = entry.Origin,
        };
    }

    private static TrainingStage? ReadStage(YamlEntry entry)
    {
        var id = Id(entry);
        var name = entry.Localized("name");
        var description = entry.Localized("description");
        entry.RejectUnknownKeys();
        return id is null || name is null || description is null ? null : new TrainingStage(id, name, description);
    }

    private static TrainingEdition? ReadEdition(YamlEntry entry, IReadOnlySet<string> stageIds)
    {
        var label = entry.String("label");
        var opens = entry.Moment("registration_opens", required: false);
        var closes = entry.Moment("registration_closes");
        var timeZone = entry.String("time_zone");
        var starts = entry.Date("starts", required: false);
        var ends = entry.Date("ends", required: false);
        var selectionNotice = entry.Date("selection_notice", required: false);
        var places = entry.Number("places", 1, int.MaxValue, required: false);
        var stages = entry.List("stages", "stages", required: false).Select(e => ReadEditionStage(e, stageIds)).OfType<EditionStage>().ToList();
        entry.RejectUnknownKeys();
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            entry.Problem($"'time_zone' is '{timeZone}', which is not a known IANA time zone (e.g. America/New_York)");
        if (opens > closes)
            entry.Problem("'registration_opens' is after 'registration_closes'");
        if (starts > ends)
            entry.Problem("'starts' is after 'ends'");
        if (selectionNotice is { } notice && closes is { } deadline && notice < DateOnly.FromDateTime(deadline.DateTime))
            entry.Problem("'selection_notice' is before 'registration_closes'");
        if (label is null || closes is null || timeZone is null)
            return null;
        return new TrainingEdition
        {
            Label = label, RegistrationOpens = opens, RegistrationCloses = closes.Value, TimeZone = timeZone, Starts = starts, Ends = ends,
            SelectionNotice = selectionNotice, Places = places, Stages = stages,
        };
    }

    private static EditionStage? ReadEditionStage(YamlEntry entry, IReadOnlySet<string> stageIds)
    {
        var stage = entry.String("stage");
        var starts = entry.Date("starts", required: false);
        var ends = entry.Date("ends", required: false);
        var place = entry.Localized("place", required: false);
        entry.RejectUnknownKeys();
        if (stage is not null && !stageIds.Contains(stage))
        {
            entry.Problem(stageIds.Count == 0
                ? $"'stage' is '{stage}', but the training lists no 'stages'"
                : $"'stage' is '{stage}'; the training's stages are {string.Join(", ", stageIds)}");
            return null;
        }
        if (starts > ends)
            entry.Problem("'starts' is after 'ends'");
        return stage is null ? null : new EditionStage(stage, starts, ends, place);
    }

    private static Reference? ReadReference(YamlEntry entry, DateOnly today)
    {
        var id = Id(entry);
        var name = entry.Localized("name");
        var description = entry.Localized("description");
        var links = entry.Links("links", required: false);
        var sources = entry.Strings("sources");
        var lastVerified = entry.LastVerified(today);
        entry.RejectUnknownKeys();
        if (id is null || name is null || description is null)
            return null;
        return new Reference { Id = id, Name = name, Description = description, Links = links, Sources = sources, LastVerified = lastVerified, Origin = entry.Origin };
    }

    private static string? Id(YamlEntry entry)
    {
        var id = entry.String("id");
        if (id is not null && !KebabCase().IsMatch(id))
        {
            entry.Problem($"'id' is '{id}'; write it in lower case with dashes, e.g. un-sp-hrd");
            return null;
        }
        return id;
    }

    private static IReadOnlyList<string> Languages(YamlEntry entry) =>
        entry.Codes("languages", ["any"], required: true, code => code.Length == 2 && code.All(char.IsAsciiLetterLower), allowEmpty: true);

    private static void RejectDuplicateIds(IEnumerable<(string Id, string Origin)> ids, List<string> problems)
    {
        foreach (var group in ids.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var all = group.ToList();
            foreach (var duplicate in all.Skip(1))
                problems.Add($"{duplicate.Origin}: id '{group.Key}' is already used at {all[0].Origin}");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
