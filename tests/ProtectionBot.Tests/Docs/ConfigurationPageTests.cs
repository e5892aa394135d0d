using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProtectionBot.Tests.Deployment;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Docs;

/// <summary>
/// docs/configuration.md is one table of every setting; these tests hold it to the options classes the app binds, so a
/// setting added, renamed or given another default in code fails here until the page says so too.
/// </summary>
public sealed partial class ConfigurationPageTests
{
    // Read straight from IConfiguration at start-up rather than through an options class.
    private static readonly string[] ReadWithoutOptionsClass = ["Content:Root"];

    [Fact]
    public void Every_bound_setting_has_a_row()
    {
        var documented = Rows().Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = BoundSettings().Keys.Where(key => !documented.Contains(key)).Order();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_row_names_a_setting_the_app_reads()
    {
        var bound = BoundSettings();

        var unknown = Rows().Select(r => r.Key).Where(key => !bound.ContainsKey(key) && !ReadWithoutOptionsClass.Contains(key));

        Assert.Empty(unknown);
    }

    [Fact]
    public void A_default_written_as_code_is_the_default_in_code()
    {
        var bound = BoundSettings();
        var wrong = new List<string>();

        foreach (var (key, defaultCell) in Rows())
        {
            if (!bound.TryGetValue(key, out var setting))
                continue;
            var inCode = setting.Property.GetValue(setting.Defaults);
            var written = LeadingCode().Match(defaultCell);
            if (!written.Success)
            {
                // Words ("none", "derived from …") are for settings that have no value until one is configured.
                if (!IsUnset(inCode))
                    wrong.Add($"{key}: the page says \"{defaultCell}\", the code says {inCode}");
                continue;
            }
            var converter = TypeDescriptor.GetConverter(setting.Property.PropertyType);
            if (!converter.CanConvertFrom(typeof(string)) || !Equals(converter.ConvertFromInvariantString(written.Groups[1].Value), inCode))
                wrong.Add($"{key}: the page says {written.Groups[1].Value}, the code says {inCode}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_setting_the_Azure_template_gives_the_app_is_in_the_table()
    {
        var documented = Rows().Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var template = ArmTemplate.Load("deploymentTemplates", "azuredeploy.json");
        var appSettings = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites/config"), c => c.GetProperty("name").GetString()!.Contains("/appsettings'", StringComparison.Ordinal));

        var undocumented = appSettings.GetProperty("properties").EnumerateObject()
            .Select(setting => setting.Name.Replace("__", ":", StringComparison.Ordinal))
            // The platform's own: ASP.NET Core's ASPNETCORE_*, App Service's Application Insights agent.
            .Where(key => !key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !key.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal) && !key.StartsWith("ApplicationInsightsAgent_", StringComparison.Ordinal))
            .Where(key => !documented.Contains(key));

        Assert.Empty(undocumented);
    }

    /// <summary>Every property of every options class in the app's own assemblies, by its configuration key.</summary>
    private static Dictionary<string, (PropertyInfo Property, object Defaults)> BoundSettings()
    {
        IServiceCollection? registered = null;
        using (var app = new BotApplication(services: collection => registered = collection))
            _ = app.Services;

        // Bind and BindConfiguration both register a change-token source per options class.
        var ours = new[] { typeof(Program).Assembly, typeof(BotProtocol.Schema.Activity).Assembly };
        var optionsTypes = registered!
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => ours.Contains(t.Assembly))
            .Distinct();

        var settings = new Dictionary<string, (PropertyInfo, object)>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in optionsTypes)
        {
            // Sections are named by a constant; the Bot Framework's flat keys have none.
            var section = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(f => f.IsLiteral && f.Name is "Section" or "SectionName")?.GetRawConstantValue() as string;
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsBound))
                settings[section is null ? property.Name : $"{section}:{property.Name}"] = (property, defaults);
        }
        Assert.NotEmpty(settings);
        return settings;
    }

    // What the configuration binder fills: settable properties, and collections it can add to.
    private static bool IsBound(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0
        && (property.SetMethod?.IsPublic == true || (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType)));

    private static bool IsUnset(object? value) =>
        value is null || (value is string text && text.Length == 0) || (value is IEnumerable items && value is not string && !items.Cast<object>().Any());

    /// <summary>The table's rows: the key (up to any <c>:&lt;placeholder&gt;</c>) and the default cell.</summary>
    private static List<(string Key, string Default)> Rows()
    {
        var rows = RepositoryFiles.ReadText("docs", "configuration.md").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => CellSeparator().Split(line.Trim('|')).Select(cell => cell.Trim()).ToArray())
            .Select(cells => (Key: LeadingCode().Match(cells[0]).Groups[1].Value.Split(":<")[0], Default: cells[^1]))
            .ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        return rows;
    }

    [GeneratedRegex(@"^`([^`]+)`")]
    private static partial Regex LeadingCode();

    // A cell ends at a | that is not escaped as \|.
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}
