using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class ExtensionVersionRulesTests
{
    private static readonly PoolImage Ubuntu2004 = ImageCatalog.Resolve("canonical:0001-com-ubuntu-server-focal:20_04-lts", "batch.node.ubuntu 20.04");
    private static readonly PoolImage Mariner2 = ImageCatalog.Resolve("microsoftcblmariner:cbl-mariner:cbl-mariner-2", "batch.node.mariner 2.0");
    private static readonly PoolImage Alma9 = ImageCatalog.Resolve("almalinux:almalinux-x86_64:9-gen2", "batch.node.el 9");
    private static readonly PoolImage GalleryWindows = ImageCatalog.Resolve("contoso:hardened:custom", "batch.node.windows amd64");

    [Theory]
    [InlineData(OsFamily.Linux, "1.0", 1)]
    [InlineData(OsFamily.Linux, "2", 2)]
    [InlineData(OsFamily.Linux, " 3.0 ", 3)]
    [InlineData(OsFamily.Windows, "1", 1)]
    [InlineData(OsFamily.Windows, "3.0", 3)]
    [InlineData(OsFamily.Windows, "4.0", 4)]
    public void Supported_versions_parse(OsFamily os, string text, int major)
    {
        var version = KeyVaultExtensionVersion.Parse(os, text);
        Assert.Equal(os, version.Os);
        Assert.Equal(major, version.Major);
        Assert.Equal(major + ".0", version.TypeHandlerVersion);
        Assert.Equal(os == OsFamily.Windows ? "KeyVaultForWindows" : "KeyVaultForLinux", version.ExtensionType);
    }

    [Theory]
    [InlineData(OsFamily.Linux, "4.0", "'4.0' is not a Key Vault VM extension version for Linux. Supported: 1.0, 2.0, 3.0.")]
    [InlineData(OsFamily.Windows, "2.0", "'2.0' is not a Key Vault VM extension version for Windows. Supported: 1.0, 3.0, 4.0.")]
    [InlineData(OsFamily.Windows, "5", "'5' is not a Key Vault VM extension version for Windows. Supported: 1.0, 3.0, 4.0.")]
    [InlineData(OsFamily.Linux, "3.1", "'3.1' is not a Key Vault VM extension version for Linux. Supported: 1.0, 2.0, 3.0.")]
    [InlineData(OsFamily.Linux, "latest", "'latest' is not a Key Vault VM extension version for Linux. Supported: 1.0, 2.0, 3.0.")]
    public void Unsupported_versions_are_refused(OsFamily os, string text, string message)
    {
        Assert.Equal(message, Expect.Error(RuleErrorIds.UnsupportedExtensionVersion, () => KeyVaultExtensionVersion.Parse(os, text)).Message);
    }

    [Fact]
    public void Defaults_are_linux_3_and_windows_3()
    {
        Assert.Same(KeyVaultExtensionVersion.Linux3, ExtensionVersionRules.Choose(ImageCatalog.Ubuntu2404, null));
        Assert.Same(KeyVaultExtensionVersion.Linux3, ExtensionVersionRules.Choose(ImageCatalog.Ubuntu2204, ""));
        Assert.Same(KeyVaultExtensionVersion.Linux3, ExtensionVersionRules.Choose(Mariner2, null));
        Assert.Same(KeyVaultExtensionVersion.Windows3, ExtensionVersionRules.Choose(ImageCatalog.WindowsServer2019, null));
        Assert.Same(KeyVaultExtensionVersion.Windows3, ExtensionVersionRules.Choose(ImageCatalog.WindowsServer2025, null));
        Assert.Same(KeyVaultExtensionVersion.Windows3, ExtensionVersionRules.Choose(GalleryWindows, null));
    }

    // image, version, supported
    public static TheoryData<string, string, bool> Matrix => new()
    {
        { "Ubuntu2404", "1.0", true }, { "Ubuntu2404", "2.0", true }, { "Ubuntu2404", "3.0", true },
        { "Ubuntu2204", "3.0", true },
        { "Ubuntu2004", "2.0", true }, { "Ubuntu2004", "3.0", false },
        { "Mariner2", "3.0", true },
        { "Alma9", "2.0", true }, { "Alma9", "3.0", false },
        { "WindowsServer2025", "1.0", true }, { "WindowsServer2025", "3.0", true }, { "WindowsServer2025", "4.0", true },
        { "WindowsServer2022", "4.0", true },
        { "WindowsServer2019", "3.0", true }, { "WindowsServer2019", "4.0", false },
        { "GalleryWindows", "3.0", true }, { "GalleryWindows", "4.0", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Support_matrix(string imageName, string version, bool supported)
    {
        var image = Image(imageName);
        Assert.Equal(supported, ExtensionVersionRules.IsSupportedOn(KeyVaultExtensionVersion.Parse(image.Os, version), image, out var reason));
        Assert.Equal(supported, reason == null);
        if (supported)
        {
            Assert.Same(KeyVaultExtensionVersion.Parse(image.Os, version), ExtensionVersionRules.Choose(image, version));
        }
        else
        {
            Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.Choose(image, version));
        }
    }

    [Fact]
    public void Linux_3_on_Ubuntu_2004_says_why_and_what_to_do()
    {
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.Choose(Ubuntu2004, "3.0"));
        Assert.Equal("Key Vault extension 3.0 for Linux supports only Ubuntu 22.04 or later and Azure Linux; image canonical:0001-com-ubuntu-server-focal:20_04-lts:latest is Ubuntu 20.04.", error.Message);
        Assert.Equal("Use -ExtensionVersion 2.0, or choose image Ubuntu2404.", error.Remedy);
    }

    [Fact]
    public void The_linux_default_does_not_fall_back_to_2_silently()
    {
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.Choose(Alma9, null));
        Assert.Equal(
            "No extension version was given and the default for Linux, 3.0, cannot run here: Key Vault extension 3.0 for Linux supports only Ubuntu 22.04 or later "
            + "and Azure Linux; image almalinux:almalinux-x86_64:9-gen2:latest is not Ubuntu or Azure Linux as far as its node agent 'batch.node.el 9' shows. "
            + "BatchRotation does not fall back to an older extension by itself.",
            error.Message);
        Assert.Equal("Pass -ExtensionVersion 2.0 to accept the older extension on this image, or choose image Ubuntu2404.", error.Remedy);
        Assert.Same(KeyVaultExtensionVersion.Linux2, ExtensionVersionRules.Choose(Alma9, "2.0"));
    }

    [Fact]
    public void Windows_4_on_Server_2019_says_why_and_what_to_do()
    {
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.Choose(ImageCatalog.WindowsServer2019, "4.0"));
        Assert.Equal("Key Vault extension 4.0 for Windows installs only on Windows Server 2022 and 2025; image MicrosoftWindowsServer:WindowsServer:2019-datacenter-smalldisk:latest is Windows Server 2019.", error.Message);
        Assert.Equal("Use -ExtensionVersion 3.0, or choose image WindowsServer2022 or WindowsServer2025.", error.Remedy);
    }

    [Fact]
    public void Windows_4_on_an_unrecognisable_image_is_refused()
    {
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.Choose(GalleryWindows, "4"));
        Assert.Equal("Key Vault extension 4.0 for Windows installs only on Windows Server 2022 and 2025; image contoso:hardened:custom:latest is not recognisably a MicrosoftWindowsServer 2022 or 2025 image.", error.Message);
    }

    [Fact]
    public void A_version_for_the_other_os_is_refused()
    {
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => ExtensionVersionRules.EnsureSupported(KeyVaultExtensionVersion.Windows3, ImageCatalog.Ubuntu2404));
        Assert.Equal("KeyVaultForWindows 3.0 is the Windows extension, but image Ubuntu2404 (Canonical:ubuntu-24_04-lts:server:latest, batch.node.ubuntu 24.04) runs Linux.", error.Message);
        Expect.Error(RuleErrorIds.UnsupportedExtensionVersion, () => ExtensionVersionRules.Choose(ImageCatalog.Ubuntu2404, "4.0"));
    }

    private static PoolImage Image(string name) => name switch
    {
        "Ubuntu2004" => Ubuntu2004,
        "Mariner2" => Mariner2,
        "Alma9" => Alma9,
        "GalleryWindows" => GalleryWindows,
        _ => ImageCatalog.Resolve(name),
    };
}
