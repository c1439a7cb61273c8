using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Rules;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>-Image: the aliases of the image catalog (Ubuntu2404, WindowsServer2022, ...).</summary>
    public sealed class ImageAliasCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(ImageCatalog.Aliases, wordToComplete);
    }

    /// <summary>-ExtensionVersion: the Key Vault extension versions of the OS of the -Image already typed, else of both.</summary>
    public sealed class ExtensionVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var alias = fakeBoundParameters?["Image"] as string;
            var image = ImageCatalog.All.FirstOrDefault(i => string.Equals(i.Alias, alias, System.StringComparison.OrdinalIgnoreCase));
            var versions = image == null ? KeyVaultExtensionVersion.All : KeyVaultExtensionVersion.SupportedFor(image.Os);
            return CompletionHelper.Complete(versions.Select(v => v.TypeHandlerVersion), wordToComplete);
        }
    }

    /// <summary>-VmSize: a few common sizes for Batch pools (any size the region offers is accepted).</summary>
    public sealed class VmSizeCompleter : IArgumentCompleter
    {
        private static readonly string[] CommonSizes =
        {
            "Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_D2ds_v5", "Standard_E2s_v5", "Standard_E4s_v5",
            "Standard_F2s_v2", "Standard_F4s_v2", "Standard_D2s_v3", "Standard_D2as_v5",
        };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(CommonSizes, wordToComplete);
    }

    /// <summary>-CertificateStoreLocation: the Windows locations (case-sensitive) and the Linux 3.0 default folder.</summary>
    public sealed class CertificateStoreLocationCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(
                new[] { "LocalMachine", "CurrentUser", KeyVaultExtensionSettings.DefaultLinuxStoreLocationV3, KeyVaultExtensionSettings.DefaultLinuxStoreLocationV1V2 },
                wordToComplete);
    }

    /// <summary>-CertificateStoreName: common Windows certificate stores.</summary>
    public sealed class CertificateStoreNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(new[] { "MY", "WebHosting", "TrustedPeople", "Root", "CA" }, wordToComplete);
    }
}
