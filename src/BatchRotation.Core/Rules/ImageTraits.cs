using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// What the extension-version rules need to know about an image: the OS, and for Linux the distribution
    /// and release (read from the node agent SKU), for Windows the Server release year (read from the
    /// MicrosoftWindowsServer image SKU). Unknown parts are null.
    /// </summary>
    public sealed record ImageTraits(OsFamily Os, LinuxDistribution? Distribution, Version? DistributionVersion, int? WindowsServerYear)
    {
        private static readonly Regex UbuntuAgent = new Regex(@"^batch\.node\.ubuntu (\d+)\.(\d+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex AzureLinuxAgent = new Regex(@"^batch\.node\.(mariner|azurelinux)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex WindowsServerSku = new Regex(@"^(\d{4})-", RegexOptions.CultureInvariant);

        public static ImageTraits Of(PoolImage image)
        {
            if (image.Os == OsFamily.Windows)
            {
                int? year = null;
                var sku = WindowsServerSku.Match(image.Reference.Sku);
                if (string.Equals(image.Reference.Publisher, "MicrosoftWindowsServer", StringComparison.OrdinalIgnoreCase) && sku.Success)
                {
                    year = int.Parse(sku.Groups[1].Value, CultureInfo.InvariantCulture);
                }

                return new ImageTraits(OsFamily.Windows, null, null, year);
            }

            var ubuntu = UbuntuAgent.Match(image.NodeAgentSkuId);
            if (ubuntu.Success)
            {
                var version = new Version(
                    int.Parse(ubuntu.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(ubuntu.Groups[2].Value, CultureInfo.InvariantCulture));
                return new ImageTraits(OsFamily.Linux, LinuxDistribution.Ubuntu, version, null);
            }

            // Azure Linux was called CBL-Mariner; its images keep the MicrosoftCBLMariner publisher.
            if (AzureLinuxAgent.IsMatch(image.NodeAgentSkuId)
                || string.Equals(image.Reference.Publisher, "MicrosoftCBLMariner", StringComparison.OrdinalIgnoreCase))
            {
                return new ImageTraits(OsFamily.Linux, LinuxDistribution.AzureLinux, null, null);
            }

            return new ImageTraits(OsFamily.Linux, LinuxDistribution.Other, null, null);
        }
    }
}
