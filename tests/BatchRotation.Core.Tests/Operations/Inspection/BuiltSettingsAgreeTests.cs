using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

/// <summary>What New-RotatingBatchPool writes for each OS and extension version passes every extension check.</summary>
public class BuiltSettingsAgreeTests
{
    public static TheoryData<string, bool> Versions() => new()
    {
        { "1.0", false }, { "2.0", false }, { "3.0", false },
        { "1.0", true }, { "3.0", true }, { "4.0", true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Settings_built_for_each_version_pass_every_extension_check(string typeHandlerVersion, bool windows)
    {
        var version = KeyVaultExtensionVersion.Parse(windows ? OsFamily.Windows : OsFamily.Linux, typeHandlerVersion);
        var settings = KeyVaultExtensionSettings.Build(new KeyVaultExtensionSettingsRequest(version, [CertificateUrl.Parse(PoolFactsBuilder.SecretUrl)], PoolFactsBuilder.ClientId)
        {
            PollingInterval = TimeSpan.FromMinutes(10),
            CertificateStoreName = windows ? "WebHosting" : null,
            Accounts = version.Equals(KeyVaultExtensionVersion.Windows3) || version.Equals(KeyVaultExtensionVersion.Windows4) ? ["Network Service"] : null,
        });
        var builder = new PoolFactsBuilder();
        var entry = KeyVaultExtensionEntry.Build(version, settings);
        builder.VmConfiguration["extensions"] = new System.Text.Json.Nodes.JsonArray(entry);
        if (windows)
        {
            builder.MakeWindows(typeHandlerVersion, settings["secretsManagementSettings"]!.DeepClone().AsObject());
        }

        var report = builder.Report();

        Assert.All(report.Checks.Where(c => c.Category == "Extension"), c => Assert.True(c.Status == CheckStatus.Passed, $"{version}: {c.Id} {c.Status} {c.Message}"));
        Assert.True(report.IsCompliant, ReportExtensions.Describe(report));
    }
}
