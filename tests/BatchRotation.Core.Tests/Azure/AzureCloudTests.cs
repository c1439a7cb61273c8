using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Tests.Azure;

public class AzureCloudTests
{
    [Fact]
    public void PublicCloudHasThePublishedEndpoints()
    {
        var cloud = AzureCloud.AzurePublic;
        Assert.Equal("AzureCloud", cloud.Name);
        Assert.Equal("https://management.azure.com/", cloud.ResourceManagerUrl.AbsoluteUri);
        Assert.Equal("https://management.azure.com/", cloud.ResourceManagerAudience);
        Assert.Equal("https://login.microsoftonline.com/", cloud.AuthorityHost.AbsoluteUri);
        Assert.Equal("vault.azure.net", cloud.KeyVaultDnsSuffix);
        Assert.Equal("https://vault.azure.net", cloud.KeyVaultAudience);
        Assert.Equal("https://batch.core.windows.net/", cloud.BatchAudience);
        Assert.False(cloud.IsCustom);
    }

    [Fact]
    public void UsGovernmentHasThePublishedEndpoints()
    {
        var cloud = AzureCloud.AzureUSGovernment;
        Assert.Equal("AzureUSGovernment", cloud.Name);
        Assert.Equal("https://management.usgovcloudapi.net/", cloud.ResourceManagerUrl.AbsoluteUri);
        Assert.Equal("https://login.microsoftonline.us/", cloud.AuthorityHost.AbsoluteUri);
        Assert.Equal("vault.usgovcloudapi.net", cloud.KeyVaultDnsSuffix);
        Assert.Equal("https://vault.usgovcloudapi.net", cloud.KeyVaultAudience);
        Assert.Equal("https://batch.core.usgovcloudapi.net/", cloud.BatchAudience);
    }

    [Fact]
    public void ChinaHasThePublishedEndpoints()
    {
        var cloud = AzureCloud.AzureChinaCloud;
        Assert.Equal("AzureChinaCloud", cloud.Name);
        Assert.Equal("https://management.chinacloudapi.cn/", cloud.ResourceManagerUrl.AbsoluteUri);
        Assert.Equal("https://login.chinacloudapi.cn/", cloud.AuthorityHost.AbsoluteUri);
        Assert.Equal("vault.azure.cn", cloud.KeyVaultDnsSuffix);
        Assert.Equal("https://vault.azure.cn", cloud.KeyVaultAudience);
        Assert.Equal("https://batch.chinacloudapi.cn/", cloud.BatchAudience);
    }

    [Fact]
    public void AuthorityHostsAgreeWithAzureIdentity()
    {
        Assert.Equal(global::Azure.Identity.AzureAuthorityHosts.AzurePublicCloud, AzureCloud.AzurePublic.AuthorityHost);
        Assert.Equal(global::Azure.Identity.AzureAuthorityHosts.AzureGovernment, AzureCloud.AzureUSGovernment.AuthorityHost);
        Assert.Equal(global::Azure.Identity.AzureAuthorityHosts.AzureChina, AzureCloud.AzureChinaCloud.AuthorityHost);
    }

    [Fact]
    public void ScopesAreTheAudienceFollowedByDefault()
    {
        var cloud = AzureCloud.AzurePublic;
        Assert.Equal("https://management.azure.com//.default", cloud.GetScope(AzureService.ResourceManager));
        Assert.Equal("https://vault.azure.net/.default", cloud.GetScope(AzureService.KeyVault));
        // As declared by the Batch data-plane OpenAPI file's security definition.
        Assert.Equal("https://batch.core.windows.net//.default", cloud.GetScope(AzureService.Batch));
    }

    [Fact]
    public void ApiVersionsAreOnePerServiceAndTheChosenOnes()
    {
        var versions = AzureApiVersions.Current;
        Assert.Equal("2025-06-01", versions.BatchManagement);
        Assert.Equal("2025-05-01", versions.KeyVaultManagement);
        Assert.Equal("7.6", versions.KeyVaultData);
        Assert.Equal("2024-11-30", versions.ManagedIdentity);
        Assert.Equal("2022-04-01", versions.Authorization);
        Assert.Equal("2025-06-01.21.0", versions.BatchData);
        Assert.All(AzureCloud.KnownClouds, c => Assert.Same(versions, c.ApiVersions));
    }

    [Theory]
    [InlineData("AzureCloud", "AzureCloud")]
    [InlineData("azureusgovernment", "AzureUSGovernment")]
    [InlineData(" AzureChinaCloud ", "AzureChinaCloud")]
    public void FromNameFindsBuiltInCloudsIgnoringCase(string name, string expected) =>
        Assert.Equal(expected, AzureCloud.FromName(name).Name);

    [Theory]
    [InlineData("AzureGermanCloud")]
    [InlineData("Public")]
    [InlineData("")]
    public void FromNameRejectsUnknownClouds(string name)
    {
        var ex = Assert.Throws<BatchRotationException>(() => AzureCloud.FromName(name));
        Assert.Equal(AzureErrorIds.UnknownCloud, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("AzureUSGovernment", ex.Remedy);
    }

    [Fact]
    public void CustomCloudCarriesItsEndpointsAndEndsUrlsWithSlash()
    {
        var cloud = AzureCloud.CreateCustom(
            "Emulator", new Uri("https://127.0.0.1:47443"), new Uri("https://127.0.0.1:47443"),
            "https://management.azure.com/", "https://vault.azure.net", ".vault.azure.net", "https://batch.core.windows.net/");
        Assert.True(cloud.IsCustom);
        Assert.Equal("https://127.0.0.1:47443/", cloud.ResourceManagerUrl.AbsoluteUri);
        Assert.Equal("vault.azure.net", cloud.KeyVaultDnsSuffix);
        Assert.Equal("https://vault.azure.net/.default", cloud.GetScope(AzureService.KeyVault));
    }

    [Fact]
    public void CustomCloudRefusesHttp()
    {
        var ex = Assert.Throws<BatchRotationException>(() => AzureCloud.CreateCustom(
            "Emulator", new Uri("http://127.0.0.1:47443/"), new Uri("https://127.0.0.1:47443/"),
            "https://management.azure.com/", "https://vault.azure.net", "vault.azure.net", "https://batch.core.windows.net/"));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
    }

    [Fact]
    public void CustomCloudCannotTakeABuiltInName()
    {
        var ex = Assert.Throws<BatchRotationException>(() => AzureCloud.CreateCustom(
            "azurecloud", new Uri("https://127.0.0.1:1/"), new Uri("https://127.0.0.1:1/"),
            "https://management.azure.com/", "https://vault.azure.net", "vault.azure.net", "https://batch.core.windows.net/"));
        Assert.Equal(AzureErrorIds.InvalidCloudDefinition, ex.ErrorId);
    }

    [Fact]
    public void CustomCloudNeedsAbsoluteAudiences()
    {
        var ex = Assert.Throws<BatchRotationException>(() => AzureCloud.CreateCustom(
            "Emulator", new Uri("https://127.0.0.1:1/"), new Uri("https://127.0.0.1:1/"),
            "management", "https://vault.azure.net", "vault.azure.net", "https://batch.core.windows.net/"));
        Assert.Equal(AzureErrorIds.InvalidCloudDefinition, ex.ErrorId);
    }
}
