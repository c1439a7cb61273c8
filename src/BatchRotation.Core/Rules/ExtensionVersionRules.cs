using System;
using System.Diagnostics.CodeAnalysis;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Which Key Vault extension version an image can run (FACTS §2): Linux 3.0 needs Ubuntu 22.04 or later
    /// or Azure Linux; Windows 4.0 needs Windows Server 2022 or 2025. Defaults: Linux 3.0, Windows 3.0.
    /// </summary>
    public static class ExtensionVersionRules
    {
        private static readonly Version MinimumUbuntuForLinux3 = new Version(22, 4);

        public static KeyVaultExtensionVersion DefaultFor(OsFamily os) =>
            os == OsFamily.Windows ? KeyVaultExtensionVersion.Windows3 : KeyVaultExtensionVersion.Linux3;

        /// <summary>
        /// The version to deploy: the requested one when the image supports it, else the OS default. Never
        /// falls back to an older version by itself: an image that cannot run the default is an error that
        /// says which version to ask for.
        /// </summary>
        public static KeyVaultExtensionVersion Choose(PoolImage image, string? requestedVersion)
        {
            if (image == null)
            {
                throw new ArgumentNullException(nameof(image));
            }

            var explicitRequest = requestedVersion != null && requestedVersion.Trim().Length > 0;
            var version = explicitRequest ? KeyVaultExtensionVersion.Parse(image.Os, requestedVersion) : DefaultFor(image.Os);
            if (IsSupportedOn(version, image, out var reason))
            {
                return version;
            }

            if (explicitRequest)
            {
                throw NotSupported(version, image, reason, RemedyFor(version));
            }

            throw NotSupported(
                version,
                image,
                $"No extension version was given and the default for {image.Os}, {version.TypeHandlerVersion}, cannot run here: {reason} "
                + "BatchRotation does not fall back to an older extension by itself.",
                $"Pass -ExtensionVersion {FallbackFor(version)} to accept the older extension on this image, or choose image {ImageCatalog.Default.Alias}.");
        }

        public static void EnsureSupported(KeyVaultExtensionVersion version, PoolImage image)
        {
            if (version.Os != image.Os)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.ExtensionVersionNotSupportedOnImage,
                    $"{version} is the {version.Os} extension, but image {image} runs {image.Os}.",
                    version.TypeHandlerVersion);
            }

            if (!IsSupportedOn(version, image, out var reason))
            {
                throw NotSupported(version, image, reason, RemedyFor(version));
            }
        }

        public static bool IsSupportedOn(KeyVaultExtensionVersion version, PoolImage image, [NotNullWhen(false)] out string? reason)
        {
            reason = null;
            var traits = ImageTraits.Of(image);
            if (version.Os != traits.Os)
            {
                reason = $"{version} is the {version.Os} extension and the image runs {traits.Os}.";
                return false;
            }

            if (version.Equals(KeyVaultExtensionVersion.Linux3))
            {
                if (traits.Distribution == LinuxDistribution.AzureLinux)
                {
                    return true;
                }

                if (traits.Distribution == LinuxDistribution.Ubuntu && traits.DistributionVersion! >= MinimumUbuntuForLinux3)
                {
                    return true;
                }

                var what = traits.Distribution == LinuxDistribution.Ubuntu
                    ? $"Ubuntu {traits.DistributionVersion!.Major}.{traits.DistributionVersion.Minor:00}"
                    : $"not Ubuntu or Azure Linux as far as its node agent '{image.NodeAgentSkuId}' shows";
                reason = $"Key Vault extension 3.0 for Linux supports only Ubuntu 22.04 or later and Azure Linux; image {image.Reference.ToUrn()} is {what}.";
                return false;
            }

            if (version.Equals(KeyVaultExtensionVersion.Windows4))
            {
                if (traits.WindowsServerYear == 2022 || traits.WindowsServerYear == 2025)
                {
                    return true;
                }

                var what = traits.WindowsServerYear == null
                    ? "not recognisably a MicrosoftWindowsServer 2022 or 2025 image"
                    : $"Windows Server {traits.WindowsServerYear}";
                reason = $"Key Vault extension 4.0 for Windows installs only on Windows Server 2022 and 2025; image {image.Reference.ToUrn()} is {what}.";
                return false;
            }

            return true;
        }

        private static string FallbackFor(KeyVaultExtensionVersion version) =>
            version.Os == OsFamily.Windows ? KeyVaultExtensionVersion.Windows3.TypeHandlerVersion : KeyVaultExtensionVersion.Linux2.TypeHandlerVersion;

        private static string RemedyFor(KeyVaultExtensionVersion version) =>
            version.Os == OsFamily.Windows
                ? $"Use -ExtensionVersion {FallbackFor(version)}, or choose image {ImageCatalog.WindowsServer2022.Alias} or {ImageCatalog.WindowsServer2025.Alias}."
                : $"Use -ExtensionVersion {FallbackFor(version)}, or choose image {ImageCatalog.Default.Alias}.";

        private static BatchRotationException NotSupported(KeyVaultExtensionVersion version, PoolImage image, string message, string remedy) =>
            RuleErrors.Invalid(RuleErrorIds.ExtensionVersionNotSupportedOnImage, message, image.ToString(), remedy);
    }
}
