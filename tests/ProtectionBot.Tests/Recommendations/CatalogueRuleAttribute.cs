using System.Reflection;

namespace ProtectionBot.Tests.Recommendations;

/// <summary>
/// The routing rule of the catalogue (its section 5) a test encodes, with the rule's line as the catalogue writes it,
/// so a reader checks the test against the text and a meta-test proves every rule R1–R26 has one.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class CatalogueRuleAttribute(string rule, string line) : Attribute
{
    public string Rule { get; } = rule;

    public string Line { get; } = line;
}

public sealed class CatalogueRuleCoverageTests
{
    [Fact]
    public void Every_routing_rule_of_the_catalogue_has_a_test_that_cites_its_line()
    {
        var cited = typeof(CatalogueRuleCoverageTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<CatalogueRuleAttribute>())
            .ToList();

        Assert.All(cited, c => Assert.False(string.IsNullOrWhiteSpace(c.Line), c.Rule));
        Assert.Equal(Enumerable.Range(1, 26).Select(n => "R" + n), cited.Select(c => c.Rule).Distinct().OrderBy(r => int.Parse(r[1..], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
