using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>Batch node agent SKU ids, e.g. <c>batch.node.ubuntu 24.04</c> or <c>batch.node.windows amd64</c>.</summary>
    public static class NodeAgentSkus
    {
        private const string Prefix = "batch.node.";

        public const string Ubuntu2404 = "batch.node.ubuntu 24.04";
        public const string Ubuntu2204 = "batch.node.ubuntu 22.04";
        public const string WindowsAmd64 = "batch.node.windows amd64";

        /// <summary>The operating system a node agent SKU runs on: <c>batch.node.windows ...</c> is Windows, every other agent Linux.</summary>
        public static OsFamily GetOs(string? nodeAgentSkuId)
        {
            var id = Validate(nodeAgentSkuId);
            return id.StartsWith(Prefix + "windows", StringComparison.OrdinalIgnoreCase) ? OsFamily.Windows : OsFamily.Linux;
        }

        public static string Validate(string? nodeAgentSkuId)
        {
            var id = nodeAgentSkuId?.Trim();
            if (id == null || id.Length <= Prefix.Length || !id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidNodeAgentSku,
                    $"'{nodeAgentSkuId}' is not a Batch node agent SKU id: they look like 'batch.node.ubuntu 24.04' or 'batch.node.windows amd64'.",
                    nodeAgentSkuId,
                    "List the node agent SKUs your account supports with 'az batch pool supported-images list' and use the one paired with your image.");
            }

            return id;
        }
    }
}
