using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>An image for a Batch pool: the marketplace reference and the node agent SKU that runs on it.</summary>
    public sealed record PoolImage
    {
        public PoolImage(ImageReferenceSpec reference, string nodeAgentSkuId, string? alias = null, DateTime? batchSupportEndsOn = null)
        {
            Reference = reference ?? throw new ArgumentNullException(nameof(reference));
            NodeAgentSkuId = NodeAgentSkus.Validate(nodeAgentSkuId);
            Alias = alias;
            BatchSupportEndsOn = batchSupportEndsOn;
        }

        public ImageReferenceSpec Reference { get; }

        public string NodeAgentSkuId { get; }

        /// <summary>The catalog alias, e.g. <c>Ubuntu2404</c>; null for an image given by URN outside the catalog.</summary>
        public string? Alias { get; }

        /// <summary>When Batch stops supporting the node agent of this image, when known.</summary>
        public DateTime? BatchSupportEndsOn { get; }

        public OsFamily Os => NodeAgentSkus.GetOs(NodeAgentSkuId);

        public override string ToString() => (Alias != null ? Alias + " (" : string.Empty) + Reference.ToUrn() + ", " + NodeAgentSkuId + (Alias != null ? ")" : string.Empty);
    }
}
