using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>An Azure Marketplace image: publisher, offer, SKU and version (default <c>latest</c>).</summary>
    public sealed record ImageReferenceSpec(string Publisher, string Offer, string Sku, string Version = "latest")
    {
        /// <summary>Parses <c>publisher:offer:sku[:version]</c>, the URN form of the CLI and the portal.</summary>
        public static ImageReferenceSpec Parse(string? urn)
        {
            var parts = urn?.Trim().Split(':');
            if (parts == null || parts.Length < 3 || parts.Length > 4 || Array.Exists(parts, p => !IsValidPart(p)))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidImageReference,
                    $"'{urn}' is not an image reference: write publisher:offer:sku or publisher:offer:sku:version, "
                    + "e.g. Canonical:ubuntu-24_04-lts:server:latest.",
                    urn);
            }

            return new ImageReferenceSpec(parts[0], parts[1], parts[2], parts.Length == 4 ? parts[3] : "latest");
        }

        /// <summary>Same publisher, offer and SKU, ignoring case and version (Azure treats them case-insensitively).</summary>
        public bool IsSameImage(ImageReferenceSpec other) =>
            string.Equals(Publisher, other.Publisher, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Offer, other.Offer, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Sku, other.Sku, StringComparison.OrdinalIgnoreCase);

        public string ToUrn() => $"{Publisher}:{Offer}:{Sku}:{Version}";

        public override string ToString() => ToUrn();

        private static bool IsValidPart(string part)
        {
            if (part.Length == 0)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '/')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
