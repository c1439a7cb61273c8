using System.Reflection;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class PoolAndCatalogTests
{
    [Fact]
    public void A_correct_pool_passes_every_check_of_the_catalog_and_is_compliant()
    {
        var report = new PoolFactsBuilder().Report();

        Assert.True(report.IsCompliant, ReportExtensions.Describe(report));
        Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Passed, c.Status));
        Assert.Equal(PoolCheckCatalog.All.Select(d => d.Id), report.Checks.Select(c => c.Id));
        Assert.All(report.Checks, c => Assert.Equal("pool1", c.Pool));
        Assert.All(report.Checks, c => Assert.Null(c.Remedy));
        Assert.Equal(0, report.FailedCount + report.WarningCount + report.SkippedCount);
        Assert.Equal(report.Checks.Length, report.PassedCount);
    }

    [Fact]
    public void Every_id_constant_is_in_the_catalog_once_with_a_meaning_and_a_remedy()
    {
        var constants = typeof(PoolCheckIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.OrderBy(c => c), PoolCheckCatalog.All.Select(d => d.Id).OrderBy(c => c));
        Assert.Equal(PoolCheckCatalog.All.Count, PoolCheckCatalog.All.Select(d => d.Id).Distinct().Count());
        Assert.All(PoolCheckCatalog.All, d =>
        {
            Assert.Matches("^(Pool|Identity|Extension|Certificate|Access|Rotation|Nodes)\\.[A-Z][A-Za-z]+$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(d.Remedy));
        });
        Assert.Null(PoolCheckCatalog.Find("Nope.Nothing"));
    }

    [Fact]
    public void A_check_that_is_not_passed_always_carries_a_remedy()
    {
        var builder = new PoolFactsBuilder();
        builder.Settings.Remove("authenticationSettings");
        builder.SecretsManagement["pollingIntervalInS"] = 60;
        builder.Certificate["attributes"]!["enabled"] = false;

        var report = builder.Report();

        Assert.All(report.Checks.Where(c => c.Status is CheckStatus.Failed or CheckStatus.Warning), c => Assert.False(string.IsNullOrWhiteSpace(c.Remedy), c.Id));
    }

    [Fact]
    public void Skipped_checks_make_a_report_not_compliant_warnings_do_not()
    {
        var builder = new PoolFactsBuilder { CertificateLookup = Lookup<CertificateMetadata>.Denied("Key Vault answered 403 (Forbidden)") };
        Assert.False(builder.Report().IsCompliant);

        var warned = new PoolFactsBuilder();
        warned.AccessPolicies[0]!["permissions"]!["keys"] = new JsonArray("get");
        var report = warned.Report();
        report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Warning);
        Assert.True(report.IsCompliant);
    }

    [Fact]
    public void A_pool_without_virtual_machine_configuration_or_identity_fails_the_pool_checks()
    {
        var builder = new PoolFactsBuilder();
        builder.Pool["properties"]!.AsObject().Remove("deploymentConfiguration");
        builder.Pool["identity"] = new JsonObject { ["type"] = "None" };

        var report = builder.Report();

        report.Expect(PoolCheckIds.PoolVirtualMachineConfiguration, CheckStatus.Failed, "Virtual Machine configuration");
        report.Expect(PoolCheckIds.PoolUserAssignedIdentity, CheckStatus.Failed, "'None'");
        Assert.DoesNotContain(report.Checks, c => c.Id == PoolCheckIds.IdentityExists);
        report.Expect(PoolCheckIds.ExtensionPresent, CheckStatus.Failed);
        Assert.Contains("New-RotatingBatchPool -ResourceGroupName 'rg1' -AccountName 'acct1' -Name 'pool1'", report.Check(PoolCheckIds.PoolUserAssignedIdentity).Remedy);
    }

    [Fact]
    public void A_deleted_identity_fails_and_an_unreadable_one_is_skipped()
    {
        var deleted = new PoolFactsBuilder { IdentityLookup = Lookup<UserAssignedIdentity>.NotFound("ARM answered 404 (ResourceNotFound)") };
        deleted.Report().Expect(PoolCheckIds.IdentityExists, CheckStatus.Failed, "no longer exists");

        var unreadable = new PoolFactsBuilder { IdentityLookup = Lookup<UserAssignedIdentity>.Denied("ARM answered 403 (AuthorizationFailed)") };
        unreadable.Report().Expect(PoolCheckIds.IdentityExists, CheckStatus.Skipped, "AuthorizationFailed");
    }

    [Fact]
    public void The_remedy_to_recreate_names_the_pools_own_values_with_versionless_urls()
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["observedCertificates"]![0]!["url"] = PoolFactsBuilder.SecretUrl + "/" + PoolFactsBuilder.Version;

        var remedy = builder.Report().Check(PoolCheckIds.CertificateVersionless).Remedy!;

        Assert.Contains($"-IdentityResourceId '{PoolFactsBuilder.IdentityId}'", remedy);
        Assert.Contains($"-CertificateUrl '{PoolFactsBuilder.SecretUrl}'", remedy);
        Assert.Contains("-ImageReference 'canonical:ubuntu-24_04-lts:server:latest' -NodeAgentSkuId 'batch.node.ubuntu 24.04'", remedy);
        Assert.Contains("-TargetDedicatedNodes 2", remedy);
        Assert.EndsWith("-Force", remedy);
    }
}
