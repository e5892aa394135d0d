using ProtectionBot.Knowledge.Countries;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Knowledge;

/// <summary>How what a defender types as their country finds it in <c>knowledge/countries.yaml</c>.</summary>
public sealed class CountryMatchingTests
{
    private static readonly CountryCatalog Countries = CountryCatalog.Load(AppContext.BaseDirectory, UnderstandingContent.Words);

    [Theory]
    [InlineData("Colombia", "CO")]
    [InlineData("COLOMBIE", "CO")]
    [InlineData("méxico", "MX")]
    [InlineData("Mexique", "MX")]
    [InlineData("Méjico", "MX")]
    [InlineData("Perú", "PE")]
    [InlineData("peru", "PE")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("costa de marfil", "CI")]
    [InlineData("Haïti", "HT")]
    [InlineData("Cameroun", "CM")]
    [InlineData("Turkey", "TR")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Reino Unido", "GB")]
    [InlineData("EEUU", "US")]
    [InlineData("RDC", "CD")]
    [InlineData("Birmanie", "MM")]
    [InlineData("Philippines", "PH")]
    [InlineData("Filipinas", "PH")]
    public void A_country_is_found_by_its_name_in_any_language_or_a_common_other_name(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Theory]
    [InlineData("Colmbia", "CO")]
    [InlineData("Gutemala", "GT")]
    [InlineData("Nicaraga", "NI")]
    [InlineData("Venezeula", "VE")]
    public void A_typo_is_forgiven(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Theory]
    [InlineData("estoy en Guatemala", "GT")]
    [InlineData("je vis en Guinée équatoriale", "GQ")]
    [InlineData("in Kenya, near Nairobi", "KE")]
    public void A_country_named_inside_a_sentence_is_found(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Theory]
    [InlineData("Guinea", "GN")]
    [InlineData("Guinea-Bissau", "GW")]
    [InlineData("Niger", "NE")]
    [InlineData("Nigeria", "NG")]
    [InlineData("Dominica", "DM")]
    [InlineData("República Dominicana", "DO")]
    [InlineData("Sudán del Sur", "SS")]
    [InlineData("Sudan", "SD")]
    public void Countries_with_close_names_are_told_apart(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Fact]
    public void Congo_alone_could_be_either_country_and_the_person_is_asked()
    {
        var match = Countries.Match("Congo");

        Assert.Null(match.Country);
        Assert.Equal(["CD", "CG"], match.Candidates.Select(c => c.Code).Order());
    }

    [Theory]
    [InlineData("le Congo")]
    [InlineData("el congo")]
    public void The_small_words_before_a_shared_name_do_not_make_it_a_typo_of_another(string typed)
    {
        Assert.Equal(["CD", "CG"], Countries.Match(typed).Candidates.Select(c => c.Code).Order());
    }

    [Theory]
    [InlineData("guatemala y mexico, estoy en la frontera", "GT", "MX")]
    [InlineData("entre le Mali et le Burkina, on bouge tout le temps", "BF", "ML")]
    [InlineData("on the Kenya Uganda border, we move between", "KE", "UG")]
    public void Two_countries_named_apart_are_both_given_for_the_person_to_choose(string typed, string first, string second)
    {
        var match = Countries.Match(typed);

        Assert.Null(match.Country);
        Assert.Equal([first, second], match.Candidates.Select(c => c.Code).Order());
    }

    [Theory]
    [InlineData("le Congo, Kinshasa", "CD")]
    [InlineData("DRC, in Goma", "CD")]
    [InlineData("en mexico, chiapas", "MX")]
    [InlineData("en guate", "GT")]
    [InlineData("the States", "US")]
    public void A_place_or_other_name_settles_which_country(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Theory]
    [InlineData("Bishkek", "KG")]
    [InlineData("desde Tashkent", "UZ")]
    [InlineData("au pays des mille collines", "RW")]
    [InlineData("aquí en Tiquicia", "CR")]
    [InlineData("we are in the Terai", "NP")]
    public void A_capital_a_city_or_a_nickname_names_its_country(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Theory]
    [InlineData("en la Patagonia con las comunidades", "AR", "CL")]
    [InlineData("vivo entre Ureña y Cúcuta", "CO", "VE")]
    public void A_region_or_a_border_of_two_countries_is_asked_about(string typed, string first, string second)
    {
        var match = Countries.Match(typed);

        Assert.Null(match.Country);
        Assert.Equal([first, second], match.Candidates.Select(c => c.Code).Order());
    }

    [Theory]
    [InlineData("soy hondureño trabajando en México", "MX")]
    [InlineData("je suis malien, au Sénégal pour le travail", "SN")]
    [InlineData("a Kenyan maid in Saudi", "SA")]
    public void Where_it_happens_wins_over_the_nationality(string typed, string code)
    {
        Assert.Equal(code, Countries.Match(typed).Country?.Code);
    }

    [Fact]
    public void A_country_then_another_after_but_with_a_word_of_leaving_is_a_move_made()
    {
        var match = Countries.Match("Nicaragua, but i'm in Costa Rica now, left in 2018");

        Assert.Equal("NI", match.Country?.Code);
        Assert.Equal("CR", match.NowIn?.Code);
    }

    [Theory]
    [InlineData("Narnia")]
    [InlineData("no sé")]
    [InlineData("")]
    public void Something_that_is_not_a_country_matches_nothing(string typed)
    {
        Assert.Equal(CountryMatch.None, Countries.Match(typed));
    }

    [Fact]
    public void A_region_lists_its_countries_in_the_person_s_alphabetical_order()
    {
        var americas = Countries.InRegion("americas", "es").Select(c => c.Name.Es).ToList();

        Assert.Contains("Brasil", americas);
        Assert.DoesNotContain("Francia", americas);
        Assert.True(americas.IndexOf("Ecuador") < americas.IndexOf("El Salvador"));
        Assert.True(americas.IndexOf("Perú") < americas.IndexOf("Puerto Rico"));
    }
}
