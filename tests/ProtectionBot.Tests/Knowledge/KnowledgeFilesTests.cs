using ProtectionBot.Content;
using ProtectionBot.Knowledge;
using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Recommendations;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Knowledge;

/// <summary>The shipped <c>knowledge/</c> files: they load, and they hold everything the catalogue and the rules name.</summary>
public sealed class KnowledgeFilesTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.Load(AppContext.BaseDirectory, new DateOnly(2026, 12, 4), Countries.Contains);

    /// <summary>Every mechanism heading of the research catalogue the data started from.</summary>
    public static TheoryData<string> CatalogueMechanisms() =>
    [
        "un-sp-hrd", "un-sp-torture", "un-sp-vaw", "un-sp-wgad", "un-sp-fox", "un-sp-executions", "un-sp-wgeid",
        "un-sp-country-mandates", "un-tb-ccpr", "un-tb-cat", "un-tb-ced-urgent-action", "un-reprisals-asg",
        "iachr-precautionary-measures", "iachr-petitions", "iacthr-provisional-measures", "iachr-rapporteurship-hrd",
        "iachr-ohchr-joint-mechanism", "achpr-sr-hrd", "achpr-communications", "ecthr-rule39", "coe-commissioner-hr",
        "osce-odihr-hrd", "eu-guidelines-hrd", "protectdefenders-eu", "fld-emergency-line", "fld-protection-grants",
        "uaf-rapid-response", "lifeline-cso-fund", "observatory-fidh-omct", "access-now-helpline", "ddp-digital-defenders",
        "protection-international", "amnesty-urgent-action", "hrw", "ishr", "apf-nhri",
        "aarhus-sr-env-defenders", "mx-mecanismo-proteccion", "co-unp", "br-ppddh", "hn-snp",
    ];

    public static TheoryData<string> CatalogueTrainings() =>
    [
        "iachr-hrd-course", "ishr-regional-trainings", "ishr-hrdap", "pi-elearning",
        "ishr-academy", "fld-security-training",
    ];

    public static TheoryData<string> CatalogueReferences() =>
    [
        "un-declaration-hrd", "icwhrd", "awid-urgent-responses", "inter-mechanisms-site", "cihrs",
        "ohchr-field-offices-americas", "ia-hr-forum", "goib-cooperation", "idehpucp", "oas-ga-res-hrd",
    ];

    [Theory]
    [MemberData(nameof(CatalogueMechanisms))]
    public void Every_mechanism_of_the_catalogue_is_in_the_data_in_three_languages(string id)
    {
        var mechanism = Assert.Contains(id, Knowledge.Mechanisms);

        AssertTranslated(mechanism.Name, id);
        AssertTranslated(mechanism.Prepare, id);
        AssertTranslated(mechanism.Submit, id);
        Assert.NotEmpty(mechanism.Sources);
    }

    [Theory]
    [MemberData(nameof(CatalogueTrainings))]
    public void Every_training_of_the_catalogue_is_in_the_data(string id)
    {
        var training = Assert.Single(Knowledge.Trainings, t => t.Id == id);

        AssertTranslated(training.Name, id);
        AssertTranslated(training.HowToApply, id);
    }

    [Fact]
    public void Both_2019_sessions_of_the_iachr_course_are_editions_of_one_course_with_its_priorities_as_codes()
    {
        var course = Assert.Single(Knowledge.Trainings, t => t.Id == "iachr-hrd-course");

        Assert.Equal(["2019-1", "2019-2"], course.Editions.Select(e => e.Label));
        Assert.Equal(["HN", "SV", "GT", "NI", "CO", "MX", "BR"], course.PriorityCountries);
        Assert.Equal(["in-person", "knowledge-transmission"], course.Stages.Select(s => s.Id));
        Assert.All(course.PriorityCountries, code => Assert.True(Countries.Find(code)!.IsIn("oas"), code));
    }

    [Theory]
    [MemberData(nameof(CatalogueReferences))]
    public void Every_organisation_the_catalogue_names_is_in_the_references(string id)
    {
        var reference = Assert.Single(Knowledge.References, r => r.Id == id);

        AssertTranslated(reference.Description, id);
    }

    [Fact]
    public void Every_mechanism_a_routing_rule_names_exists()
    {
        var named = typeof(MechanismIds).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(named, id => Assert.Contains(id, Knowledge.Mechanisms));
    }

    [Fact]
    public void The_emergency_line_can_be_called()
    {
        Assert.StartsWith("+", Knowledge.Mechanisms[MechanismIds.EmergencyLine].Phone);
    }

    /// <summary>
    /// A number is a tap to call only when written as + and the country code, then digit groups: phones and WhatsApp
    /// link nothing else in plain text, and the web page turns exactly these into <c>tel:</c> links.
    /// </summary>
    [Fact]
    public void Every_phone_number_the_catalogue_gives_is_written_so_that_a_phone_can_call_it()
    {
        var texts = Knowledge.Mechanisms.Values.SelectMany(m => new[] { m.Prepare, m.Submit, m.Response, m.Caveats, m.Prerequisites, m.TimeLimit })
            .OfType<LocalizedText>()
            .SelectMany(t => new[] { t.Es, t.Fr, t.En });
        var numbers = texts.SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, @"\+[0-9 ().-]*[0-9]").Select(m => m.Value)).ToList();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(PhoneNumber.IsInternational(n), $"'{n}' cannot be called with a tap"));
        Assert.All(Knowledge.Mechanisms.Values.Where(m => m.Phone is not null), m => Assert.True(PhoneNumber.IsInternational(m.Phone!), m.Id));
    }

    [Fact]
    public void Every_un_member_state_is_a_country_the_interview_knows()
    {
        Assert.True(Countries.All.Count >= 193, $"{Countries.All.Count} countries");
        // The 35 OAS member States, and Puerto Rico, where the IACHR acts through the United States.
        Assert.Equal(36, Countries.All.Count(c => c.IsIn("oas")));
        Assert.All(["CU", "NI", "VE", "PR"], code => Assert.True(Countries.Find(code)!.IsIn("oas"), code));
        Assert.Equal(27, Countries.All.Count(c => c.IsIn("eu")));
        Assert.Equal(46, Countries.All.Count(c => c.IsIn("coe")));
    }

    [Fact]
    public void Places_a_mechanism_covers_are_known_memberships_regions_or_countries()
    {
        foreach (var code in Knowledge.Mechanisms.Values.SelectMany(m => m.Covers))
            Assert.True(KnowledgeCodes.Memberships.Contains(code) || KnowledgeCodes.Regions.Contains(code) || Countries.Contains(code), code);
    }

    [Theory]
    [InlineData("mx-mecanismo-proteccion", "MX")]
    [InlineData("co-unp", "CO")]
    [InlineData("br-ppddh", "BR")]
    [InlineData("hn-snp", "HN")]
    public void Each_national_protection_programme_covers_its_own_country_only(string id, string country)
    {
        var programme = Knowledge.Mechanisms[id];

        Assert.Equal(("national", "state protection programme"), (programme.System, Assert.Single(programme.Kinds)));
        Assert.Equal([country], programme.Covers);
    }

    [Fact]
    public void The_aarhus_rapporteur_covers_the_46_states_parties_and_is_the_only_route_of_its_system()
    {
        var rapporteur = Knowledge.Mechanisms["aarhus-sr-env-defenders"];

        Assert.Equal("UNECE-Aarhus", rapporteur.System);
        Assert.Equal(["aarhus"], rapporteur.Covers);
        Assert.Equal(46, Countries.All.Count(c => c.IsIn("aarhus")));
        Assert.All(["FR", "ES", "RS", "KG", "KZ", "GE", "GB", "GW"], code => Assert.True(Countries.Find(code)!.IsIn("aarhus"), code));
        Assert.All(["RU", "TR", "BY", "US"], code => Assert.False(Countries.Find(code)!.IsIn("aarhus"), code));
    }

    /// <summary>
    /// The facts on which the bot tells someone a route does not take their language: Access Now's helpline answers in
    /// Spanish and French as well as English, and the European Court takes a first application in the official language
    /// of any member State (Rules of Court, Rule 34 § 2), Spanish included.
    /// </summary>
    [Theory]
    [InlineData("access-now-helpline")]
    [InlineData("ecthr-rule39")]
    [InlineData("fld-emergency-line")]
    [InlineData("un-sp-hrd")]
    public void The_routes_that_take_spanish_french_and_english_say_so(string id)
    {
        Assert.All(Language.All, language => Assert.Contains(language, Knowledge.Mechanisms[id].Languages));
    }

    [Fact]
    public void The_languages_checked_again_carry_the_day_they_were_checked()
    {
        Assert.Equal(new DateOnly(2026, 12, 4), Knowledge.Mechanisms["access-now-helpline"].LastVerified);
        Assert.Equal(new DateOnly(2026, 12, 4), Knowledge.Mechanisms["ecthr-rule39"].LastVerified);
    }

    private static void AssertTranslated(LocalizedText text, string id)
    {
        Assert.False(string.IsNullOrWhiteSpace(text.Es) || string.IsNullOrWhiteSpace(text.Fr) || string.IsNullOrWhiteSpace(text.En), id);
        // Short names ("ISHR") may be the same everywhere; sentences may not.
        if (text.En.Length > 30)
            Assert.True(text.Es != text.En && text.Fr != text.En, $"{id}: '{text.En}' is not translated");
    }
}
