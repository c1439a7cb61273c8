using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// Whether a certificate can serve a rotating pool: its latest version enabled and unexpired, and its policy
    /// renewing it by itself (an AutoRenew lifetime action). A certificate Key Vault cannot renew (issuer
    /// <c>Unknown</c>: imported or from an external CA, FACTS §6) passes with a warning: the pool still picks up
    /// every version someone imports, but nothing rotates by itself.
    /// </summary>
    public static class CertificateReadiness
    {
        public const string UnknownIssuer = "Unknown";

        /// <summary>Throws the first failure; returns the warnings.</summary>
        public static IReadOnlyList<string> Check(CertificateUrl url, CertificateMetadata certificate, DateTimeOffset now)
        {
            if (url == null) throw new ArgumentNullException(nameof(url));
            if (certificate == null) throw new ArgumentNullException(nameof(certificate));

            var what = $"Certificate '{url.Name}' (version {certificate.Version ?? "unknown"}) in {url.VaultUri}";
            if (certificate.Attributes.Enabled == false)
            {
                throw new BatchRotationException(PoolErrorIds.CertificateDisabled, ErrorKind.InvalidData,
                    $"{what} is disabled: Key Vault does not hand out the secret of a disabled version, so no node could install it.", url.SecretUrl)
                {
                    Remedy = $"Enable it ('az keyvault certificate set-attributes --vault-name <vault> --name {url.Name} --enabled true') or create a new version, then run the command again.",
                };
            }

            if (certificate.Attributes.Expires is { } expires && expires <= now)
            {
                throw new BatchRotationException(PoolErrorIds.CertificateExpired, ErrorKind.InvalidData,
                    $"{what} expired on {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.", url.SecretUrl)
                {
                    Remedy = "Create a new version now (Portal: the certificate > New Version; or 'az keyvault certificate create' with its policy), then run the command again.",
                };
            }

            var warnings = new List<string>();
            var policy = certificate.Policy;
            if (policy == null)
            {
                warnings.Add($"{what}: its policy was not returned, so whether it renews by itself could not be checked.");
                return warnings;
            }

            var issuer = policy.IssuerName ?? "(none)";
            var cannotRenew = string.Equals(policy.IssuerName, UnknownIssuer, StringComparison.OrdinalIgnoreCase);
            if (cannotRenew)
            {
                warnings.Add($"{what} has issuer '{UnknownIssuer}' (imported or from a CA Key Vault is not integrated with): Key Vault never renews it by itself. "
                    + "The pool observes its versionless URL, so every new version you import reaches the nodes at their next poll, but nothing rotates automatically.");
                return warnings;
            }

            if (!policy.HasAutoRenew)
            {
                var actions = policy.LifetimeActions.Count == 0
                    ? "none"
                    : string.Join(", ", policy.LifetimeActions.Select(a => a.ActionType ?? "(unnamed)"));
                throw new BatchRotationException(PoolErrorIds.CertificateNotAutoRenewed, ErrorKind.InvalidData,
                    $"{what} (issuer '{issuer}') has no AutoRenew lifetime action (lifetime actions: {actions}): Key Vault never renews it, so the pool would never rotate.",
                    url.SecretUrl)
                {
                    Remedy = "Give its policy a lifetime action of type AutoRenew (Portal: the certificate > Issuance Policy > Lifetime Action Type "
                        + "'Automatically renew at a given percentage lifetime'; or 'az keyvault certificate set-attributes --policy'), then run the command again.",
                };
            }

            return warnings;
        }
    }
}
