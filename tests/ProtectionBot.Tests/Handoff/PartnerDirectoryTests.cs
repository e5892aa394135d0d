using ProtectionBot.Content;
using ProtectionBot.Handoff;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Handoff;

public sealed class PartnerDirectoryTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);

    private static PartnerDirectory Load(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("protectionbot-partners-").FullName, "partners.yaml");
        File.WriteAllText(path, yaml);
        return PartnerDirectory.Load(path, "knowledge/partners.yaml", Countries);
    }

    private const string Desk = """
          teams: { tenant_id: "11111111-1111-4111-8111-111111111111", team_id: "19:t@thread.tacv2", channel_id: "19:c@thread.tacv2", service_url: "https://smba.trafficmanager.net/amer/" }
        """;

    [Fact]
    public void The_shipped_partners_file_loads_and_every_entry_is_marked_as_an_example()
    {
        var partners = PartnerDirectory.Load(Path.Combine(AppContext.BaseDirectory, "knowledge", "partners.yaml"), "knowledge/partners.yaml", Countries);

        Assert.NotEmpty(partners.All);
        Assert.All(partners.All, p => Assert.True(p.Example, $"{p.Id} is shipped but not marked as an example"));
    }

    [Fact]
    public void WhatsApp_caseworkers_are_named_as_the_partner_registered_them_and_a_names_list_of_the_wrong_length_is_a_mistake()
    {
        var partners = Load("""
            - id: red-andina
              name: "Red"
              languages: [es]
              on_call: true
              response_hours: 2
              whatsapp: { numbers: ["+57 300 0000001", "+57 300 0000002"], names: [Ana Pérez, Luis Gómez] }
              registered_on: 2026-11-30
            """);
        var desk = partners.ForWhatsAppNumber("573000000002")!.WhatsApp!;
        var error = Assert.Throws<ContentValidationException>(() => Load("""
            - id: red-andina
              name: "Red"
              languages: [es]
              on_call: true
              response_hours: 2
              whatsapp: { numbers: ["+57 300 0000001", "+57 300 0000002"], names: [Ana Pérez] }
              registered_on: 2026-11-30
            """));

        Assert.Equal("Luis Gómez", desk.NameOf("573000000002"));
        Assert.Null(desk.NameOf("573000000009"));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:6:", StringComparison.Ordinal) && p.Contains("'names'", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_mistake_is_reported_with_its_file_and_line()
    {
        var error = Assert.Throws<ContentValidationException>(() => Load("""
            - id: Red Andina
              name: "Red"
              languages: [es, pt]
              covers: [XX]
              response_hours: 0
              hours: { time_zone: America/Nowhere, days: [mon], from: "18:00", to: "08:00" }
              teams: { tenant_id: "not-a-guid", team_id: "19:t", channel_id: "c", service_url: "ftp://x" }
              whatsapp: { numbers: ["12"] }
              registered_on: 2026-11-30
              colour: blue
            - id: no-desk
              name: "No desk"
              languages: [fr]
              on_call: true
              response_hours: 2
              registered_on: 2026-11-30
            """));

        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:1: 'id'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:3:", StringComparison.Ordinal) && p.Contains("'pt'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:4:", StringComparison.Ordinal) && p.Contains("XX", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:5:", StringComparison.Ordinal) && p.Contains("response_hours", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("America/Nowhere", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'from' must come before 'to'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("tenant's GUID", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("starts with '19:'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("service_url", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("international numbers", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:10: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:11:", StringComparison.Ordinal) && p.Contains("a desk", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_partners_cannot_share_one_teams_channel()
    {
        var error = Assert.Throws<ContentValidationException>(() => Load($"""
            - id: one
              name: "One"
              languages: [es]
              on_call: true
              response_hours: 1
            {Desk}
              registered_on: 2026-11-30
            - id: two
              name: "Two"
              languages: [es]
              on_call: true
              response_hours: 1
            {Desk}
              registered_on: 2026-11-30
            """));

        Assert.Contains(error.Problems, p => p.StartsWith("knowledge/partners.yaml:8:", StringComparison.Ordinal) && p.Contains("already the desk of 'one'", StringComparison.Ordinal));
    }

    [Fact]
    public void Someone_in_danger_goes_first_to_partners_on_call_who_write_their_language_and_work_where_they_are()
    {
        var partners = Load("""
            - id: local-office-hours
              name: "Local, office hours"
              covers: [CO]
              languages: [es]
              hours: { time_zone: America/Bogota, days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
              response_hours: 4
              whatsapp: { numbers: ["+57 300 0000001"] }
              registered_on: 2026-11-30
            - id: regional-on-call
              name: "Regional, on call"
              covers: [americas]
              languages: [es, en]
              on_call: true
              response_hours: 1
              whatsapp: { numbers: ["+57 300 0000002"] }
              registered_on: 2026-11-30
            - id: global-on-call
              name: "Global, on call"
              languages: [es, fr, en]
              on_call: true
              response_hours: 2
              whatsapp: { numbers: ["+353 100 0000003"] }
              registered_on: 2026-11-30
            - id: africa-french
              name: "Africa, French"
              covers: [africa]
              languages: [fr]
              on_call: true
              response_hours: 1
              whatsapp: { numbers: ["+225 0000 0004"] }
              registered_on: 2026-11-30
            """);
        var router = new PartnerRouter(partners);
        var colombia = Countries.Find("CO");
        var tuesdayNoonInBogota = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);
        var sundayNight = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

        var inDanger = router.Route(new CaseAnswers { Language = "es", InImmediateDanger = true, Country = "CO" }, colombia, tuesdayNoonInBogota);
        var notUrgent = router.Route(new CaseAnswers { Language = "es", Country = "CO" }, colombia, tuesdayNoonInBogota);
        var atNight = router.Route(new CaseAnswers { Language = "es", Country = "CO" }, colombia, sundayNight);
        var inFrench = router.Route(new CaseAnswers { Language = "fr", Country = "CO" }, colombia, tuesdayNoonInBogota);

        Assert.Equal(["regional-on-call", "global-on-call", "local-office-hours"], inDanger.Select(p => p.Id));
        Assert.Equal(["local-office-hours", "regional-on-call", "global-on-call"], notUrgent.Select(p => p.Id));
        Assert.Equal(["regional-on-call", "global-on-call", "local-office-hours"], atNight.Select(p => p.Id));
        Assert.Equal(["global-on-call"], inFrench.Select(p => p.Id));
    }

    [Fact]
    public void A_desk_that_is_closed_is_expected_to_write_after_it_opens()
    {
        var partner = Load("""
            - id: office-hours
              name: "Office hours"
              languages: [es]
              hours: { time_zone: America/Bogota, days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
              response_hours: 4
              whatsapp: { numbers: ["+57 300 0000001"] }
              registered_on: 2026-11-30
            """).All[0];
        var saturday = new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8 + 4, 0, 0, TimeSpan.FromHours(-5)), PartnerRouter.ExpectedContact(partner, saturday));
    }
}
