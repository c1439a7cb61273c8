using System;
using System.Globalization;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Model;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>Where a vault was found: in ARM, only on the data plane, nowhere, or unknown.</summary>
    internal enum VaultPresence
    {
        InArm,
        DataPlaneOnly,
        Missing,
        Unknown,
    }

    /// <summary>
    /// One observed URL: its form (URL, /secrets/, versionless), its vault, and the certificate's current version
    /// (exists, enabled, not expired, not expiring within the warning window, AutoRenew with an issuer that renews).
    /// </summary>
    internal static class CertificateChecks
    {
        private static readonly string[] CertificateDependent =
        {
            PoolCheckIds.CertificateEnabled,
            PoolCheckIds.CertificateNotExpired,
            PoolCheckIds.CertificateExpiryWindow,
            PoolCheckIds.CertificateAutoRenew,
            PoolCheckIds.CertificateIssuerCanRenew,
        };

        private static readonly string[] UrlDependent =
        {
            PoolCheckIds.CertificateSecretsPath,
            PoolCheckIds.CertificateVersionless,
            PoolCheckIds.CertificateVaultExists,
            PoolCheckIds.CertificateExists,
        };

        public static VaultPresence PresenceOf(ObservedCertificateFact fact)
        {
            if (fact.Vault?.Resource.IsFound == true)
            {
                return VaultPresence.InArm;
            }

            var certificate = fact.Certificate;
            if (certificate == null)
            {
                return VaultPresence.Unknown;
            }

            if (certificate.Outcome == LookupOutcome.Found || certificate.Outcome == LookupOutcome.Denied
                || (certificate.Outcome == LookupOutcome.NotFound && !IsVaultNotFound(certificate)))
            {
                return VaultPresence.DataPlaneOnly;
            }

            return IsVaultNotFound(certificate) || certificate.ErrorId == AzureErrorIds.AzureConnectionFailed ? VaultPresence.Missing : VaultPresence.Unknown;
        }

        /// <summary>Adds the certificate checks of one observed URL and returns its status row.</summary>
        public static CertificateStatus Evaluate(RotatingBatchPool pool, ObservedCertificateFact fact, DateTimeOffset now, TimeSpan expiryWarning, CheckCollector checks)
        {
            var status = new CertificateStatus { Pool = pool.Name, Url = fact.Url };
            var target = fact.Url;
            var parsed = fact.Parsed;
            if (parsed == null)
            {
                checks.Fail(PoolCheckIds.CertificateUrl, target, $"'{fact.Url}' is not a Key Vault certificate URL: {fact.ParseProblem}", Remedies.RecreatePool(pool));
                checks.SkipAll(UrlDependent, target, "The URL cannot be read.");
                checks.SkipAll(CertificateDependent, target, "The URL cannot be read.");
                return status;
            }

            status.SecretUrl = parsed.SecretUrl;
            status.Name = parsed.Name;
            status.PinnedVersion = parsed.Version;
            status.VaultName = fact.Vault?.Resource.Value?.Name ?? parsed.VaultUri.Host;
            status.VaultResourceId = fact.Vault?.Resource.Value?.Id;
            checks.Pass(PoolCheckIds.CertificateUrl, target, $"A Key Vault URL for certificate '{parsed.Name}'.");

            var current = fact.Certificate?.Value;
            if (parsed.WasCertificatesPath)
            {
                checks.Fail(PoolCheckIds.CertificateSecretsPath, target,
                    $"The URL uses /certificates/, which never returns the private key: the extension must observe {parsed.SecretUrl}.", Remedies.RecreatePool(pool));
            }
            else
            {
                checks.Pass(PoolCheckIds.CertificateSecretsPath, target, "The URL uses /secrets/, which carries the private key.");
            }

            if (parsed.WasVersioned)
            {
                var currentNote = current?.Version == null ? string.Empty
                    : string.Equals(current.Version, parsed.Version, StringComparison.OrdinalIgnoreCase) ? " It is still the current version, until the next renewal."
                    : $" Key Vault already serves version {current.Version}; the nodes keep {parsed.Version}.";
                checks.Fail(PoolCheckIds.CertificateVersionless, target,
                    $"The URL pins version {parsed.Version}: when Key Vault renews the certificate the nodes keep this version, so the pool never rotates.{currentNote}",
                    Remedies.RecreatePool(pool));
            }
            else
            {
                checks.Pass(PoolCheckIds.CertificateVersionless, target, "The URL names no version: nodes follow every renewal.");
            }

            var presence = PresenceOf(fact);
            switch (presence)
            {
                case VaultPresence.InArm:
                    checks.Pass(PoolCheckIds.CertificateVaultExists, target, $"Vault '{fact.Vault!.Resource.Value!.Name}' ({fact.Vault.Resource.Value.Id}) serves {parsed.VaultUri}.");
                    break;
                case VaultPresence.DataPlaneOnly:
                    checks.Pass(PoolCheckIds.CertificateVaultExists, target,
                        $"A vault answers at {parsed.VaultUri}, but it is in none of the subscriptions this test can list ({fact.Vault?.Resource.Problem}); its access settings cannot be read.");
                    break;
                case VaultPresence.Missing:
                    checks.Fail(PoolCheckIds.CertificateVaultExists, target, $"No vault answers at {parsed.VaultUri}: {fact.Certificate?.Problem}",
                        "Correct the URL (New-RotatingBatchPool ... -Force) or recover the vault if it was deleted (Undo-AzKeyVaultRemoval).");
                    checks.Skip(PoolCheckIds.CertificateExists, target, "The vault does not exist.");
                    checks.SkipAll(CertificateDependent, target, "The vault does not exist.");
                    return status;
                default:
                    checks.Skip(PoolCheckIds.CertificateVaultExists, target,
                        $"Whether a vault serves {parsed.VaultUri} could not be told: {fact.Vault?.Resource.Problem ?? fact.Certificate?.Problem ?? "it was not read."}");
                    break;
            }

            var lookup = fact.Certificate;
            if (lookup == null || !lookup.IsFound)
            {
                CertificateNotRead(pool, parsed.Name, status.VaultName, lookup, target, checks);
                return status;
            }

            Fill(status, current!);
            checks.Pass(PoolCheckIds.CertificateExists, target, $"Certificate '{parsed.Name}' exists; its current version is {current!.Version}.");
            Judge(pool, current, now, expiryWarning, target, status.VaultName ?? parsed.VaultUri.Host, checks);
            return status;
        }

        private static void CertificateNotRead(RotatingBatchPool pool, string name, string? vaultName, Lookup<CertificateMetadata>? lookup, string target, CheckCollector checks)
        {
            var reason = "The certificate could not be read (see " + PoolCheckIds.CertificateExists + ").";
            if (lookup == null)
            {
                checks.Skip(PoolCheckIds.CertificateExists, target, "The certificate was not read.");
            }
            else if (lookup.Outcome == LookupOutcome.NotFound)
            {
                checks.Fail(PoolCheckIds.CertificateExists, target, $"Vault '{vaultName}' has no certificate '{name}': {lookup.Problem}",
                    $"Create or recover certificate '{name}' in vault '{vaultName}', or correct the URL: {Remedies.RecreatePool(pool)}");
                reason = "The certificate does not exist.";
            }
            else if (lookup.Outcome == LookupOutcome.Denied)
            {
                checks.Skip(PoolCheckIds.CertificateExists, target,
                    $"The account running this test may not read certificate metadata in vault '{vaultName}': {lookup.Problem}",
                    $"Grant the account running the test 'Key Vault Reader' (RBAC vault) or certificates get/list (access policy) on vault '{vaultName}'; the test reads only /certificates/ metadata, never a secret.");
            }
            else
            {
                checks.Skip(PoolCheckIds.CertificateExists, target, $"The certificate could not be read: {lookup.Problem}", "Run the test again.");
            }

            checks.SkipAll(CertificateDependent, target, reason);
        }

        private static void Fill(CertificateStatus status, CertificateMetadata current)
        {
            status.CurrentVersion = current.Version;
            status.Thumbprint = current.ThumbprintHex;
            status.NotBefore = current.Attributes.NotBefore;
            status.NotAfter = current.Attributes.Expires;
            status.Enabled = current.Attributes.Enabled;
            status.AutoRenew = current.Policy?.HasAutoRenew;
            status.Issuer = current.Policy?.IssuerName;
            status.RenewalTrigger = RenewalWindow.DescribeTrigger(current.Policy);
        }

        private static void Judge(RotatingBatchPool pool, CertificateMetadata current, DateTimeOffset now, TimeSpan expiryWarning, string target, string vaultName, CheckCollector checks)
        {
            var name = current.Name ?? "<name>";
            if (current.Attributes.Enabled == false)
            {
                checks.Fail(PoolCheckIds.CertificateEnabled, target,
                    $"The current version {current.Version} is disabled: nodes cannot download it (Key Vault refuses a disabled secret).",
                    $"Update-AzKeyVaultCertificate -VaultName {Remedies.Quote(vaultName)} -Name {Remedies.Quote(name)} -Enable $true");
            }
            else
            {
                checks.Pass(PoolCheckIds.CertificateEnabled, target, $"The current version {current.Version} is enabled.");
            }

            var expires = current.Attributes.Expires;
            if (expires == null)
            {
                checks.Pass(PoolCheckIds.CertificateNotExpired, target, "The certificate has no expiry date.");
                checks.Pass(PoolCheckIds.CertificateExpiryWindow, target, "The certificate has no expiry date.");
            }
            else if (expires.Value <= now)
            {
                var remedy = $"Renew it now (Key Vault: Certificates > '{name}' > New Version), then find out why AutoRenew did not.";
                checks.Fail(PoolCheckIds.CertificateNotExpired, target, $"The current version {current.Version} expired on {Date(expires.Value)}.", remedy);
                checks.Warn(PoolCheckIds.CertificateExpiryWindow, target, $"The current version expired {Durations.Describe(now - expires.Value)} ago.", remedy);
            }
            else
            {
                var left = expires.Value - now;
                checks.Pass(PoolCheckIds.CertificateNotExpired, target, $"The current version is valid until {Date(expires.Value)}.");
                if (left < expiryWarning)
                {
                    checks.Warn(PoolCheckIds.CertificateExpiryWindow, target,
                        $"The current version expires in {Durations.Describe(left)}, within the warning window of {Durations.Describe(expiryWarning)}: AutoRenew should already have renewed it.",
                        $"Check the AutoRenew trigger and issuer of '{name}' (Get-AzKeyVaultCertificatePolicy -VaultName {Remedies.Quote(vaultName)} -Name {Remedies.Quote(name)}); renew by hand if needed.");
                }
                else
                {
                    checks.Pass(PoolCheckIds.CertificateExpiryWindow, target, $"The current version expires in {Durations.Describe(left)}, beyond the warning window of {Durations.Describe(expiryWarning)}.");
                }
            }

            var policy = current.Policy;
            if (policy == null)
            {
                checks.Skip(PoolCheckIds.CertificateAutoRenew, target, "Key Vault returned no policy with the certificate.");
                checks.Skip(PoolCheckIds.CertificateIssuerCanRenew, target, "Key Vault returned no policy with the certificate.");
                return;
            }

            if (policy.HasAutoRenew)
            {
                checks.Pass(PoolCheckIds.CertificateAutoRenew, target, $"The policy renews the certificate automatically ({RenewalWindow.DescribeTrigger(policy)}).");
            }
            else
            {
                checks.Fail(PoolCheckIds.CertificateAutoRenew, target,
                    policy.LifetimeActions.Count == 0
                        ? "The policy has no lifetime action: the certificate is never renewed, so the pool has nothing to rotate to."
                        : "The policy's lifetime actions only send e-mail (EmailContacts): the certificate is never renewed by itself.",
                    $"Set-AzKeyVaultCertificatePolicy -VaultName {Remedies.Quote(vaultName)} -Name {Remedies.Quote(name)} -RenewAtPercentageLifetime 80");
            }

            var issuer = policy.IssuerName;
            if (string.Equals(issuer, "Unknown", StringComparison.OrdinalIgnoreCase))
            {
                checks.Fail(PoolCheckIds.CertificateIssuerCanRenew, target,
                    "The issuer is Unknown (an imported certificate or an external CA): Key Vault cannot renew it, it only sends e-mail, so the certificate never rotates by itself.",
                    "Create the certificate in Key Vault with issuer Self or an integrated CA (DigiCert, GlobalSign), or renew it by hand before every expiry.");
            }
            else if (string.IsNullOrEmpty(issuer))
            {
                checks.Warn(PoolCheckIds.CertificateIssuerCanRenew, target, "The policy names no issuer, so whether Key Vault can renew it cannot be told.", null);
            }
            else
            {
                checks.Pass(PoolCheckIds.CertificateIssuerCanRenew, target, $"Issuer '{issuer}' lets Key Vault renew the certificate.");
            }
        }

        private static bool IsVaultNotFound(Lookup<CertificateMetadata> lookup) =>
            string.Equals(lookup.AzureErrorCode, "VaultNotFound", StringComparison.OrdinalIgnoreCase);

        private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
