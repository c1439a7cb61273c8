using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class ImageCatalogTests
{
    [Theory]
    [InlineData("Ubuntu2404", "Canonical:ubuntu-24_04-lts:server:latest", "batch.node.ubuntu 24.04", OsFamily.Linux)]
    [InlineData("ubuntu2204", "Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest", "batch.node.ubuntu 22.04", OsFamily.Linux)]
    [InlineData("WindowsServer2025", "MicrosoftWindowsServer:WindowsServer:2025-datacenter-smalldisk:latest", "batch.node.windows amd64", OsFamily.Windows)]
    [InlineData("WINDOWSSERVER2022", "MicrosoftWindowsServer:WindowsServer:2022-datacenter:latest", "batch.node.windows amd64", OsFamily.Windows)]
    [InlineData("WindowsServer2019", "MicrosoftWindowsServer:WindowsServer:2019-datacenter-smalldisk:latest", "batch.node.windows amd64", OsFamily.Windows)]
    public void Aliases_resolve_to_verified_triples(string alias, string urn, string nodeAgent, OsFamily os)
    {
        var image = ImageCatalog.Resolve(alias);
        Assert.Equal(urn, image.Reference.ToUrn());
        Assert.Equal(nodeAgent, image.NodeAgentSkuId);
        Assert.Equal(os, image.Os);
        Assert.Equal(alias, image.Alias, ignoreCase: true);
    }

    [Fact]
    public void The_default_image_is_Ubuntu_2404()
    {
        Assert.Same(ImageCatalog.Ubuntu2404, ImageCatalog.Default);
        Assert.Same(ImageCatalog.Ubuntu2404, ImageCatalog.Resolve(null));
        Assert.Same(ImageCatalog.Ubuntu2404, ImageCatalog.Resolve("  "));
        Assert.Equal(new[] { "Ubuntu2404", "Ubuntu2204", "WindowsServer2025", "WindowsServer2022", "WindowsServer2019" }, ImageCatalog.Aliases);
    }

    [Fact]
    public void An_unknown_alias_lists_the_known_ones()
    {
        var error = Expect.Error(RuleErrorIds.UnknownImageAlias, () => ImageCatalog.Resolve("Ubuntu1804"));
        Assert.Equal(
            "'Ubuntu1804' is not a known image alias. Known aliases: Ubuntu2404, Ubuntu2204, WindowsServer2025, WindowsServer2022, WindowsServer2019; "
            + "or give an image as publisher:offer:sku[:version] with -NodeAgentSkuId.",
            error.Message);
    }

    [Fact]
    public void A_catalog_urn_takes_the_catalog_node_agent()
    {
        var image = ImageCatalog.Resolve("canonical:UBUNTU-24_04-LTS:server:24.04.202501010");
        Assert.Equal("batch.node.ubuntu 24.04", image.NodeAgentSkuId);
        Assert.Equal("Ubuntu2404", image.Alias);
        Assert.Equal("24.04.202501010", image.Reference.Version);
        Assert.Equal("canonical", image.Reference.Publisher);
    }

    [Fact]
    public void A_urn_outside_the_catalog_needs_its_node_agent()
    {
        var error = Expect.Error(RuleErrorIds.InvalidNodeAgentSku, () => ImageCatalog.Resolve("microsoft-dsvm:ubuntu-hpc:2204"));
        Assert.Equal("The image microsoft-dsvm:ubuntu-hpc:2204:latest is not in BatchRotation's catalog, so its node agent SKU is unknown: give it with -NodeAgentSkuId.", error.Message);

        var image = ImageCatalog.Resolve("microsoft-dsvm:ubuntu-hpc:2204", "batch.node.ubuntu 22.04");
        Assert.Equal("microsoft-dsvm:ubuntu-hpc:2204:latest", image.Reference.ToUrn());
        Assert.Equal("batch.node.ubuntu 22.04", image.NodeAgentSkuId);
        Assert.Null(image.Alias);
        Assert.Equal(ImageCatalog.Ubuntu2204SupportEnds, image.BatchSupportEndsOn);
    }

    [Fact]
    public void An_alias_with_a_different_node_agent_is_refused_not_ignored()
    {
        var error = Expect.Error(RuleErrorIds.InvalidNodeAgentSku, () => ImageCatalog.Resolve("Ubuntu2404", "batch.node.ubuntu 22.04"));
        Assert.Equal("The image alias Ubuntu2404 runs node agent 'batch.node.ubuntu 24.04', not 'batch.node.ubuntu 22.04'.", error.Message);
        Assert.Same(ImageCatalog.Ubuntu2404, ImageCatalog.Resolve("Ubuntu2404", "BATCH.NODE.UBUNTU 24.04"));
    }

    [Theory]
    [InlineData("Canonical:ubuntu-24_04-lts")]
    [InlineData("a:b:c:d:e")]
    [InlineData("a::c")]
    [InlineData("a:b c:d")]
    [InlineData("a/b:c:d")]
    public void Malformed_urns_are_refused(string urn)
    {
        var error = Expect.Error(RuleErrorIds.InvalidImageReference, () => ImageReferenceSpec.Parse(urn));
        Assert.Equal($"'{urn}' is not an image reference: write publisher:offer:sku or publisher:offer:sku:version, e.g. Canonical:ubuntu-24_04-lts:server:latest.", error.Message);
    }

    [Theory]
    [InlineData("batch.node.windows amd64", OsFamily.Windows)]
    [InlineData("Batch.Node.Windows arm64", OsFamily.Windows)]
    [InlineData("batch.node.ubuntu 24.04", OsFamily.Linux)]
    [InlineData("batch.node.mariner 2.0", OsFamily.Linux)]
    [InlineData("batch.node.el 9", OsFamily.Linux)]
    public void The_node_agent_tells_the_os(string nodeAgent, OsFamily os)
    {
        Assert.Equal(os, NodeAgentSkus.GetOs(nodeAgent));
    }

    [Theory]
    [InlineData("ubuntu 24.04")]
    [InlineData("batch.node.")]
    [InlineData("")]
    [InlineData(null)]
    public void Something_else_is_not_a_node_agent(string? nodeAgent)
    {
        Expect.Error(RuleErrorIds.InvalidNodeAgentSku, () => NodeAgentSkus.GetOs(nodeAgent));
    }

    [Fact]
    public void Ubuntu_2204_images_carry_the_end_of_batch_support()
    {
        Assert.Equal(
            "Batch support for node agent 'batch.node.ubuntu 22.04' ends on 2027-06-30; pools created with it must be recreated before then. "
            + "Prefer Ubuntu2404 (Canonical:ubuntu-24_04-lts:server:latest).",
            ImageCatalog.GetSupportNote(ImageCatalog.Ubuntu2204));
        Assert.Null(ImageCatalog.GetSupportNote(ImageCatalog.Ubuntu2404));
        Assert.Null(ImageCatalog.GetSupportNote(ImageCatalog.WindowsServer2022));
    }

    [Theory]
    [InlineData("Ubuntu2404", OsFamily.Linux, LinuxDistribution.Ubuntu, "24.4", null)]
    [InlineData("Ubuntu2204", OsFamily.Linux, LinuxDistribution.Ubuntu, "22.4", null)]
    [InlineData("WindowsServer2025", OsFamily.Windows, null, null, 2025)]
    [InlineData("WindowsServer2019", OsFamily.Windows, null, null, 2019)]
    public void Traits_of_catalog_images(string alias, OsFamily os, LinuxDistribution? distro, string? version, int? year)
    {
        var traits = ImageTraits.Of(ImageCatalog.Resolve(alias));
        Assert.Equal(new ImageTraits(os, distro, version == null ? null : Version.Parse(version), year), traits);
    }

    [Theory]
    [InlineData("microsoftcblmariner:cbl-mariner:cbl-mariner-2", "batch.node.mariner 2.0", LinuxDistribution.AzureLinux)]
    [InlineData("MicrosoftCBLMariner:azure-linux-3:azure-linux-3", "batch.node.something 3.0", LinuxDistribution.AzureLinux)]
    [InlineData("almalinux:almalinux-x86_64:9-gen2", "batch.node.el 9", LinuxDistribution.Other)]
    public void Traits_of_other_linux_images(string urn, string nodeAgent, LinuxDistribution distro)
    {
        Assert.Equal(distro, ImageTraits.Of(ImageCatalog.Resolve(urn, nodeAgent)).Distribution);
    }

    [Fact]
    public void A_windows_image_from_another_publisher_has_no_known_server_year()
    {
        var traits = ImageTraits.Of(ImageCatalog.Resolve("contoso:hardened:2022-datacenter", "batch.node.windows amd64"));
        Assert.Null(traits.WindowsServerYear);
    }
}
