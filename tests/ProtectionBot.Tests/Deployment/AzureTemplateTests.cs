using System.Text.Json;
using System.Text.RegularExpressions;
using ProtectionBot.Tests.Infrastructure;

namespace ProtectionBot.Tests.Deployment;

/// <summary>
/// The ARM template a partner deploys with one command: nothing can be checked by deploying it here, so these
/// tests hold it to what a failed or unsafe deployment would otherwise reveal only in the partner's subscription.
/// </summary>
public sealed partial class AzureTemplateTests
{
    private const string KeyVaultSecretsUserRoleId = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultReference = "@Microsoft.KeyVault(SecretUri=";

    private static readonly ArmTemplate Template = ArmTemplate.Load("deploymentTemplates", "azuredeploy.json");

    [Fact]
    public void Every_json_file_under_deploymentTemplates_parses()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("deploymentTemplates"), "*.json", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var exception = Record.Exception(() => JsonDocument.Parse(File.ReadAllText(file)).Dispose());
            Assert.True(exception is null, $"{Path.GetRelativePath(RepositoryFiles.Root, file)}: {exception?.Message}");
        });
    }

    [Fact]
    public void Every_parameter_is_used_by_a_resource_or_an_output()
    {
        var used = Template.ParametersNeededBy(Template.Root.GetProperty("resources"));
        used.UnionWith(Template.ParametersNeededBy(Template.Outputs));

        var unused = Template.ParameterNames.Where(name => !used.Contains(name)).ToList();
        Assert.True(unused.Count == 0, "unused parameters: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_variable_is_used_by_a_resource_or_an_output()
    {
        var used = Template.VariablesNeededBy(Template.Root.GetProperty("resources"));
        used.UnionWith(Template.VariablesNeededBy(Template.Outputs));

        var unused = Template.VariableNames.Where(name => !used.Contains(name)).ToList();
        Assert.True(unused.Count == 0, "unused variables: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_parameter_and_variable_reference_resolves()
    {
        var parameters = Template.ParameterNames.ToHashSet(StringComparer.Ordinal);
        var variables = Template.VariableNames.ToHashSet(StringComparer.Ordinal);
        var expressions = ArmTemplate.Expressions(Template.Root).ToList();

        Assert.NotEmpty(expressions);
        Assert.Empty(expressions.SelectMany(ArmTemplate.ParameterReferences).Where(name => !parameters.Contains(name)).Distinct());
        Assert.Empty(expressions.SelectMany(ArmTemplate.VariableReferences).Where(name => !variables.Contains(name)).Distinct());
    }

    [Fact]
    public void Every_dependency_names_a_resource_type_the_template_declares()
    {
        var declared = Template.Resources.Select(r => r.GetProperty("type").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dependencies = Template.Resources
            .Where(r => r.TryGetProperty("dependsOn", out _))
            .SelectMany(r => r.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!))
            .ToList();

        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, dependency => Assert.Contains(TypeNamedBy(dependency), declared));
    }

    [Fact]
    public void No_secret_parameter_has_a_default_value()
    {
        Assert.NotEmpty(Template.SecureParameterNames);
        Assert.All(Template.SecureParameterNames, name => Assert.False(Template.Parameters.GetProperty(name).TryGetProperty("defaultValue", out _), $"secure parameter {name} has a default value"));
    }

    [Fact]
    public void No_output_is_secret_or_reveals_a_secret_parameter()
    {
        var secrets = Template.SecureParameterNames;
        foreach (var output in Template.Outputs.EnumerateObject())
        {
            Assert.DoesNotContain(output.Value.GetProperty("type").GetString()!.ToUpperInvariant(), new[] { "SECURESTRING", "SECUREOBJECT" });
            Assert.Empty(Template.ParametersNeededBy(output.Value).Intersect(secrets));
        }
    }

    [Fact]
    public void Parameters_file_names_only_declared_parameters_and_holds_no_secret()
    {
        using var file = JsonDocument.Parse(RepositoryFiles.ReadText("deploymentTemplates", "azuredeploy.parameters.json"));
        var named = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(Template.ParameterNames));
        // Secrets are given on the command line (or from a Key Vault) so that none is ever committed.
        Assert.Empty(named.Intersect(Template.SecureParameterNames));
    }

    [Fact]
    public void Every_app_setting_that_holds_a_secret_is_a_key_vault_reference()
    {
        var settings = AppSettings().ToList();
        var secretSettings = settings.Where(s => HoldsSecret(s.Name)).ToList();

        Assert.Contains(secretSettings, s => s.Name == "MicrosoftAppPassword");
        Assert.Contains(secretSettings, s => s.Name == "Storage__PostgresConnectionString");
        Assert.All(secretSettings, setting => Assert.True(setting.Value.Contains(KeyVaultReference, StringComparison.Ordinal), $"{setting.Name} is not a Key Vault reference: {setting.Value}"));
    }

    [Fact]
    public void No_app_setting_carries_a_secret_parameter_itself()
    {
        var secrets = Template.SecureParameterNames;

        Assert.All(AppSettings(), setting => Assert.Empty(Template.ParametersNeededBy(JsonSerializer.SerializeToElement(setting.Value)).Intersect(secrets)));
    }

    [Fact]
    public void Every_key_vault_reference_names_a_secret_the_template_creates()
    {
        var created = Template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets")
            .Select(s => SecretNameKey().Match(s.GetProperty("name").GetString()!))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        var referenced = AppSettings().Where(s => s.Value.Contains(KeyVaultReference, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, setting =>
        {
            var key = SecretNameKey().Match(setting.Value);
            Assert.True(key.Success && created.Contains(key.Groups[1].Value), $"{setting.Name} refers to a secret the template does not create");
            Assert.Contains("variables('secretsBaseUri')", setting.Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_secret_parameter_is_stored_in_key_vault()
    {
        var stored = Template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets")
            .SelectMany(s => Template.ParametersNeededBy(s.GetProperty("properties").GetProperty("value")))
            .ToHashSet(StringComparer.Ordinal);

        var missing = Template.SecureParameterNames.Where(name => !stored.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "secret parameters not kept in Key Vault: " + string.Join(", ", missing));
    }

    [Fact]
    public void Web_app_is_https_only_always_on_and_checks_health_on_healthz()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var properties = site.GetProperty("properties");
        var config = properties.GetProperty("siteConfig");

        Assert.Equal("app,linux", site.GetProperty("kind").GetString());
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("/healthz", config.GetProperty("healthCheckPath").GetString());
        Assert.True(config.GetProperty("alwaysOn").GetBoolean());
        Assert.Equal("DOTNETCORE|10.0", config.GetProperty("linuxFxVersion").GetString());
        Assert.Equal("1.2", config.GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", config.GetProperty("ftpsState").GetString());
    }

    [Fact]
    public void Web_app_reads_key_vault_through_its_user_assigned_identity()
    {
        var site = Template.Single("Microsoft.Web/sites");
        var identity = site.GetProperty("identity");
        var assignment = Template.Single("Microsoft.Authorization/roleAssignments");

        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal("[variables('identityId')]", Assert.Single(identity.GetProperty("userAssignedIdentities").EnumerateObject()).Name);
        // Without this App Service would try its (absent) system-assigned identity and leave every reference unresolved.
        Assert.Equal("[variables('identityId')]", site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString());
        Assert.Contains(KeyVaultSecretsUserRoleId, Template.Variables.GetProperty("keyVaultSecretsUserRoleId").GetString(), StringComparison.Ordinal);
        Assert.Equal("[variables('keyVaultSecretsUserRoleId')]", assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString());
        Assert.Contains("variables('identityId')", assignment.GetProperty("properties").GetProperty("principalId").GetString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.KeyVault/vaults/", assignment.GetProperty("scope").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_configure_the_bot_with_the_keys_it_reads()
    {
        var settings = AppSettings().ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);

        Assert.Equal("[parameters('msaAppType')]", settings["MicrosoftAppType"]);
        Assert.Contains("MicrosoftAppId", settings.Keys);
        Assert.Contains("MicrosoftAppTenantId", settings.Keys);
        Assert.Equal("Postgres", settings["Storage__Provider"]);
        // A managed-identity bot must have an empty password, or the app refuses to start.
        Assert.StartsWith("[if(variables('isMsi'), ''", settings["MicrosoftAppPassword"], StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_messaging_endpoint_is_https_on_the_web_app_and_ends_with_api_messages()
    {
        var bot = Template.Single("Microsoft.BotService/botServices");
        var endpoint = bot.GetProperty("properties").GetProperty("endpoint").GetString()!;
        var resolved = Template.Variables.GetProperty(Assert.Single(ArmTemplate.VariableReferences(endpoint))).GetString()!;
        var format = FormatPattern().Match(resolved);

        Assert.True(format.Success, resolved);
        Assert.StartsWith("https://", format.Groups[1].Value, StringComparison.Ordinal);
        Assert.EndsWith("/api/messages", format.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("variables('appHost')", resolved, StringComparison.Ordinal);
        Assert.Contains("parameters('webAppName')", Template.Variables.GetProperty("appHost").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_is_single_tenant_or_user_assigned_msi_by_parameter()
    {
        var bot = Template.Single("Microsoft.BotService/botServices");
        var properties = bot.GetProperty("properties");
        var allowed = Template.Parameters.GetProperty("msaAppType").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()).ToList();

        Assert.Equal("azurebot", bot.GetProperty("kind").GetString());
        Assert.Equal(["SingleTenant", "UserAssignedMSI"], allowed);
        Assert.Equal("[parameters('msaAppType')]", properties.GetProperty("msaAppType").GetString());
        Assert.Contains("parameters('microsoftAppId')", properties.GetProperty("msaAppId").GetString(), StringComparison.Ordinal);
        Assert.Contains("variables('identityId')", properties.GetProperty("msaAppId").GetString(), StringComparison.Ordinal);
        Assert.Contains("parameters('microsoftAppTenantId')", properties.GetProperty("msaAppTenantId").GetString(), StringComparison.Ordinal);
        Assert.Contains("variables('identityId')", properties.GetProperty("msaAppMSIResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_has_teams_and_direct_line_channels()
    {
        var channels = Template.ResourcesOfType("Microsoft.BotService/botServices/channels")
            .Select(c => c.GetProperty("properties").GetProperty("channelName").GetString())
            .ToList();

        Assert.Contains("MsTeamsChannel", channels);
        Assert.Contains("DirectLineChannel", channels);
    }

    [Fact]
    public void Postgres_is_version_16_reachable_only_from_its_private_network()
    {
        var server = Template.Single("Microsoft.DBforPostgreSQL/flexibleServers");
        var properties = server.GetProperty("properties");
        var network = properties.GetProperty("network");

        Assert.Equal("16", properties.GetProperty("version").GetString());
        Assert.Equal("Disabled", network.GetProperty("publicNetworkAccess").GetString());
        Assert.Equal("[variables('databaseSubnetId')]", network.GetProperty("delegatedSubnetResourceId").GetString());
        Assert.True(network.TryGetProperty("privateDnsZoneArmResourceId", out _));
        Assert.Empty(Template.ResourcesOfType("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"));
        Assert.Single(Template.ResourcesOfType("Microsoft.DBforPostgreSQL/flexibleServers/databases"));
        // The app reaches the private server only if its outbound traffic goes through the same network.
        Assert.Equal("[variables('appSubnetId')]", Template.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString());
    }

    [Fact]
    public void Key_vault_uses_rbac_soft_delete_and_purge_protection()
    {
        var properties = Template.Single("Microsoft.KeyVault/vaults").GetProperty("properties");

        Assert.True(properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(properties.GetProperty("enableSoftDelete").GetBoolean());
        Assert.True(properties.GetProperty("enablePurgeProtection").GetBoolean());
    }

    [Fact]
    public void Application_insights_is_workspace_based_and_its_connection_string_is_an_app_setting()
    {
        var insights = Template.Single("Microsoft.Insights/components");
        var settings = AppSettings().ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);

        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.GetProperty("properties").GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
        Assert.Single(Template.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
        Assert.EndsWith(".ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_give_the_messaging_endpoint_and_the_bot_app_id()
    {
        Assert.Equal("[variables('messagingEndpoint')]", Template.Outputs.GetProperty("messagingEndpoint").GetProperty("value").GetString());
        Assert.Equal(
            Template.Single("Microsoft.BotService/botServices").GetProperty("properties").GetProperty("msaAppId").GetString(),
            Template.Outputs.GetProperty("botAppId").GetProperty("value").GetString());
    }

    [Fact]
    public void Every_resource_uses_an_explicit_dated_api_version()
    {
        Assert.All(Template.Resources, resource => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", resource.GetProperty("apiVersion").GetString()!));
    }

    private static IEnumerable<(string Name, string Value)> AppSettings()
    {
        var config = Assert.Single(Template.ResourcesOfType("Microsoft.Web/sites/config"), c => c.GetProperty("name").GetString()!.Contains("/appsettings'", StringComparison.Ordinal));
        return config.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!));
    }

    // The Application Insights connection string names an ingestion endpoint and a public instrumentation key;
    // Microsoft documents it as not secret (it only lets someone send telemetry, not read it).
    private static bool HoldsSecret(string settingName) =>
        settingName != "APPLICATIONINSIGHTS_CONNECTION_STRING" && SecretWord().IsMatch(settingName.Replace("_", "", StringComparison.Ordinal));

    private static string TypeNamedBy(string dependency)
    {
        var variable = ArmTemplate.VariableReferences(dependency).FirstOrDefault();
        var text = variable is not null && dependency == $"[variables('{variable}')]" ? Template.Variables.GetProperty(variable).GetString()! : dependency;
        var match = ResourceIdType().Match(text);
        Assert.True(match.Success, $"dependsOn entry {dependency} is not a resourceId()");
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }

    [GeneratedRegex("(?i)password|secret|token|key|connectionstring")]
    private static partial Regex SecretWord();

    [GeneratedRegex(@"variables\('secretNames'\)\.(\w+)")]
    private static partial Regex SecretNameKey();

    [GeneratedRegex(@"^\[format\('([^']*)'")]
    private static partial Regex FormatPattern();

    [GeneratedRegex(@"^\[(?:extensionResourceId\([^,]+,\s*'([^']+)'|resourceId\('([^']+)')")]
    private static partial Regex ResourceIdType();
}
