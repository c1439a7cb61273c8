using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// A few current Batch images by alias. Each triple appears with its node agent SKU in Microsoft's
    /// Batch material: the Batch management API 2025-06-01 examples (Ubuntu 24.04, Windows Server 2025,
    /// 2022 and 2019), the Batch certificate-rotation article (Windows Server 2022) and Batch pools built by
    /// the azurerm Terraform provider's acceptance tests (Ubuntu 22.04).
    /// </summary>
    public static class ImageCatalog
    {
        /// <summary>FACTS §4: Batch support for the Ubuntu 22.04 node agent ends on this day.</summary>
        public static readonly DateTime Ubuntu2204SupportEnds = new DateTime(2027, 6, 30, 0, 0, 0, DateTimeKind.Utc);

        public static readonly PoolImage Ubuntu2404 = new PoolImage(
            new ImageReferenceSpec("Canonical", "ubuntu-24_04-lts", "server"), NodeAgentSkus.Ubuntu2404, nameof(Ubuntu2404));

        public static readonly PoolImage Ubuntu2204 = new PoolImage(
            new ImageReferenceSpec("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts"), NodeAgentSkus.Ubuntu2204, nameof(Ubuntu2204), Ubuntu2204SupportEnds);

        public static readonly PoolImage WindowsServer2025 = new PoolImage(
            new ImageReferenceSpec("MicrosoftWindowsServer", "WindowsServer", "2025-datacenter-smalldisk"), NodeAgentSkus.WindowsAmd64, nameof(WindowsServer2025));

        public static readonly PoolImage WindowsServer2022 = new PoolImage(
            new ImageReferenceSpec("MicrosoftWindowsServer", "WindowsServer", "2022-datacenter"), NodeAgentSkus.WindowsAmd64, nameof(WindowsServer2022));

        public static readonly PoolImage WindowsServer2019 = new PoolImage(
            new ImageReferenceSpec("MicrosoftWindowsServer", "WindowsServer", "2019-datacenter-smalldisk"), NodeAgentSkus.WindowsAmd64, nameof(WindowsServer2019));

        public static IReadOnlyList<PoolImage> All { get; } = new[] { Ubuntu2404, Ubuntu2204, WindowsServer2025, WindowsServer2022, WindowsServer2019 };

        /// <summary>The default pool image: Ubuntu 24.04 (the 22.04 node agent's support ends 2027-06-30).</summary>
        public static PoolImage Default => Ubuntu2404;

        public static IReadOnlyList<string> Aliases { get; } = All.Select(i => i.Alias!).ToArray();

        /// <summary>
        /// Resolves an alias (<c>Ubuntu2404</c>) or a URN (<c>publisher:offer:sku[:version]</c>). A URN outside
        /// the catalog needs <paramref name="nodeAgentSkuId"/>; a URN of a catalog image takes the catalog's agent
        /// unless one is given.
        /// </summary>
        public static PoolImage Resolve(string? aliasOrUrn, string? nodeAgentSkuId = null)
        {
            if (aliasOrUrn == null || aliasOrUrn.Trim().Length == 0)
            {
                return nodeAgentSkuId == null ? Default : RefuseAgentForAlias(Default, nodeAgentSkuId);
            }

            var text = aliasOrUrn.Trim();
            if (text.IndexOf(':') >= 0)
            {
                var reference = ImageReferenceSpec.Parse(text);
                var known = All.FirstOrDefault(i => i.Reference.IsSameImage(reference));
                if (nodeAgentSkuId != null)
                {
                    return new PoolImage(reference, nodeAgentSkuId, known?.Alias, known?.BatchSupportEndsOn ?? SupportEndFor(nodeAgentSkuId));
                }

                if (known == null)
                {
                    throw RuleErrors.Invalid(
                        RuleErrorIds.InvalidNodeAgentSku,
                        $"The image {reference.ToUrn()} is not in BatchRotation's catalog, so its node agent SKU is unknown: give it with -NodeAgentSkuId.",
                        text,
                        "List image and node agent pairs with 'az batch pool supported-images list', or use one of the aliases: " + string.Join(", ", Aliases) + ".");
                }

                return new PoolImage(reference, known.NodeAgentSkuId, known.Alias, known.BatchSupportEndsOn);
            }

            var image = All.FirstOrDefault(i => string.Equals(i.Alias, text, StringComparison.OrdinalIgnoreCase));
            if (image == null)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.UnknownImageAlias,
                    $"'{text}' is not a known image alias. Known aliases: {string.Join(", ", Aliases)}; or give an image as publisher:offer:sku[:version] with -NodeAgentSkuId.",
                    text);
            }

            return nodeAgentSkuId == null ? image : RefuseAgentForAlias(image, nodeAgentSkuId);
        }

        /// <summary>A note when Batch support for the image's node agent ends (or has ended), else null.</summary>
        public static string? GetSupportNote(PoolImage image)
        {
            var end = image.BatchSupportEndsOn ?? SupportEndFor(image.NodeAgentSkuId);
            if (end == null)
            {
                return null;
            }

            return $"Batch support for node agent '{image.NodeAgentSkuId}' ends on {end.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; "
                + $"pools created with it must be recreated before then. Prefer {Default.Alias} ({Default.Reference.ToUrn()}).";
        }

        private static DateTime? SupportEndFor(string nodeAgentSkuId) =>
            string.Equals(nodeAgentSkuId.Trim(), NodeAgentSkus.Ubuntu2204, StringComparison.OrdinalIgnoreCase) ? Ubuntu2204SupportEnds : (DateTime?)null;

        private static PoolImage RefuseAgentForAlias(PoolImage image, string nodeAgentSkuId)
        {
            if (string.Equals(NodeAgentSkus.Validate(nodeAgentSkuId), image.NodeAgentSkuId, StringComparison.OrdinalIgnoreCase))
            {
                return image;
            }

            throw RuleErrors.Invalid(
                RuleErrorIds.InvalidNodeAgentSku,
                $"The image alias {image.Alias} runs node agent '{image.NodeAgentSkuId}', not '{nodeAgentSkuId}'.",
                nodeAgentSkuId,
                "Leave out -NodeAgentSkuId with an alias, or give the image as publisher:offer:sku[:version] with its node agent SKU.");
        }
    }
}
