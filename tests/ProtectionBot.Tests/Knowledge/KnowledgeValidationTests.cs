using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Knowledge;

/// <summary>A caseworker's mistake in <c>knowledge/</c> stops the start-up with the file and line of each problem.</summary>
public sealed class KnowledgeValidationTests : IDisposable
{
    private const string Countries = """
        sources: [example]
        last_verified: 2026-11-22
        countries:
          - code: CO
            name: { es: Colombia, fr: Colombie, en: Colombia }
            region: americas
            memberships: [oas]
        """;

    private const string Mechanism = """
        - id: un-sp-hrd
          name: { es: "Relatoría", fr: "Rapporteur", en: "Rapporteur" }
          system: UN
          kinds: [communication]
          situations: [threats]
          profiles: [any]
          urgency: [urgent]
          prepare: { es: "Prepare", fr: "Préparez", en: "Prepare it" }
          submit: { es: "Envíe", fr: "Envoyez", en: "Send it" }
          languages: [es, fr, en]
          links: ["https://spsubmission.ohchr.org/"]
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    private const string Training = """
        - id: ishr-hrdap
          name: { es: "Programa", fr: "Programme", en: "Programme" }
          organiser: ISHR
          availability: dated
          editions:
            - label: "2026"
              registration_closes: 2026-01-15T23:59:00+01:00
              time_zone: Europe/Zurich
          description: { es: "Curso", fr: "Cours", en: "Course" }
          eligibility: { es: "Personas", fr: "Personnes", en: "People" }
          languages: [en]
          how_to_apply: { es: "Formulario", fr: "Formulaire", en: "Form" }
          links: ["https://ishr.ch"]
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    private const string References = """
        - id: cihrs
          name: { es: "Instituto", fr: "Institut", en: "Institute" }
          description: { es: "Socio", fr: "Partenaire", en: "Partner" }
          sources: [catalogue]
          last_verified: 2026-11-22
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("knowledge-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Well_formed_files_load()
    {
        var knowledge = Load(mechanism: Mechanism);

        Assert.Equal("Rapporteur", knowledge.Mechanisms["un-sp-hrd"].Name.En);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 23, 59, 0, TimeSpan.FromHours(1)), knowledge.Trainings[0].Editions[0].RegistrationCloses);
        Assert.Equal("cihrs", knowledge.References[0].Id);
    }

    [Fact]
    public void An_unknown_situation_code_is_refused_with_its_file_and_line()
    {
        var problem = Assert.Single(Problems(Mechanism.Replace("situations: [threats]", "situations: [threat]")));

        Assert.StartsWith("knowledge/mechanisms/un.yaml:5:", problem);
        Assert.Contains("unknown code 'threat'", problem);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        var problems = Problems(Mechanism.Replace("  prepare:", "  prepar:"));

        Assert.Contains(problems, p => p.StartsWith("knowledge/mechanisms/un.yaml:1:", StringComparison.Ordinal) && p.Contains("'prepare' is missing"));
        Assert.Contains(problems, p => p.StartsWith("knowledge/mechanisms/un.yaml:8:", StringComparison.Ordinal) && p.Contains("unknown key 'prepar'"));
    }

    [Fact]
    public void A_text_missing_a_language_is_refused()
    {
        var problem = Assert.Single(Problems(Mechanism.Replace("""submit: { es: "Envíe", fr: "Envoyez", en: "Send it" }""", """submit: { es: "Envíe", en: "Send it" }""")));

        Assert.StartsWith("knowledge/mechanisms/un.yaml:9:", problem);
        Assert.Contains("no text in fr", problem);
    }

    [Fact]
    public void A_fact_verified_in_the_future_is_refused()
    {
        var problem = Assert.Single(Problems(Mechanism.Replace("last_verified: 2026-11-22", "last_verified: 2027-01-01")));

        Assert.Contains("'last_verified' is 2027-01-01, a date in the future", problem);
    }

    [Fact]
    public void A_phone_number_a_phone_could_not_call_with_a_tap_is_refused()
    {
        var problem = Assert.Single(Problems(Mechanism.Replace("  sources:", "  phone: \"(202) 458-3992\"\n  sources:")));

        Assert.StartsWith("knowledge/mechanisms/un.yaml:", problem);
        Assert.Contains("'phone' is '(202) 458-3992'", problem);
    }

    [Fact]
    public void The_same_id_twice_names_both_places()
    {
        var problem = Assert.Single(Problems(Mechanism + "\n" + Mechanism));

        Assert.Equal("knowledge/mechanisms/un.yaml:14: id 'un-sp-hrd' is already used at knowledge/mechanisms/un.yaml:1", problem);
    }

    [Fact]
    public void A_mechanism_may_cover_a_country_by_its_code_but_not_an_unknown_place()
    {
        Assert.Empty(Problems(Mechanism.Replace("  kinds:", "  covers: [CO, oas]\n  kinds:")));
        Assert.Contains("unknown code 'XX'", Assert.Single(Problems(Mechanism.Replace("  kinds:", "  covers: [XX]\n  kinds:"))));
    }

    [Fact]
    public void A_deadline_without_its_utc_offset_is_refused()
    {
        var problems = Problems(Mechanism, training: Training.Replace("2026-01-15T23:59:00+01:00", "2026-01-15 23:59"));

        Assert.Contains(problems, p => p.StartsWith("knowledge/trainings.yaml:7:", StringComparison.Ordinal) && p.Contains("UTC offset"));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var problem = Assert.Single(Problems(Mechanism, training: Training.Replace("Europe/Zurich", "Geneva")));

        Assert.Contains("'Geneva', which is not a known IANA time zone", problem);
    }

    [Fact]
    public void A_broken_yaml_file_names_the_line()
    {
        var problem = Assert.Single(Problems(Mechanism.Replace("  system: UN", "  system: [UN")));

        Assert.StartsWith("knowledge/mechanisms/un.yaml", problem);
    }

    [Fact]
    public void A_country_with_an_unknown_membership_is_refused()
    {
        Write("countries.yaml", Countries.Replace("memberships: [oas]", "memberships: [oea]"));

        var error = Assert.Throws<ContentValidationException>(() => CountryCatalog.Load(_root, UnderstandingContent.Words));

        Assert.StartsWith("knowledge/countries.yaml:7: 'memberships' has an unknown code 'oea'", Assert.Single(error.Problems));
    }

    private KnowledgeBase Load(string mechanism, string training = Training)
    {
        Write("countries.yaml", Countries);
        Write("mechanisms/un.yaml", mechanism);
        Write("trainings.yaml", training);
        Write("references.yaml", References);
        var countries = CountryCatalog.Load(_root, UnderstandingContent.Words);
        return KnowledgeBase.Load(_root, new DateOnly(2026, 12, 4), countries.Contains);
    }

    private IReadOnlyList<string> Problems(string mechanism, string training = Training)
    {
        try
        {
            Load(mechanism, training);
            return [];
        }
        catch (ContentValidationException e)
        {
            return e.Problems;
        }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, "knowledge", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
