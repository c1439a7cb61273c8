using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// Every check Test-PoolCertificate makes: its stable id, what it proves and the usual remedy. Ids are
    /// <c>Category.Subject</c>; compliance suites filter on them, so an id is never renamed or reused. A check's
    /// own remedy (on the <see cref="PoolCheck"/>) names the exact resources; the remedies here are the general form.
    /// </summary>
    public static class PoolCheckIds
    {
        public const string PoolVirtualMachineConfiguration = "Pool.VirtualMachineConfiguration";
        public const string PoolUserAssignedIdentity = "Pool.UserAssignedIdentity";
        public const string IdentityExists = "Identity.Exists";

        public const string ExtensionPresent = "Extension.Present";
        public const string ExtensionTypeMatchesOs = "Extension.TypeMatchesOs";
        public const string ExtensionVersion = "Extension.Version";
        public const string ExtensionVersionSupportsImage = "Extension.VersionSupportsImage";
        public const string ExtensionSettingsObject = "Extension.SettingsObject";
        public const string ExtensionSecretsManagementSettings = "Extension.SecretsManagementSettings";
        public const string ExtensionPollingInterval = "Extension.PollingInterval";
        public const string ExtensionAuthenticationSettings = "Extension.AuthenticationSettings";
        public const string ExtensionMsiClientId = "Extension.MsiClientId";
        public const string ExtensionObservedCertificates = "Extension.ObservedCertificates";
        public const string ExtensionCertificateStore = "Extension.CertificateStore";
        public const string ExtensionOptions = "Extension.Options";

        public const string CertificateUrl = "Certificate.Url";
        public const string CertificateSecretsPath = "Certificate.SecretsPath";
        public const string CertificateVersionless = "Certificate.Versionless";
        public const string CertificateVaultExists = "Certificate.VaultExists";
        public const string CertificateExists = "Certificate.Exists";
        public const string CertificateEnabled = "Certificate.Enabled";
        public const string CertificateNotExpired = "Certificate.NotExpired";
        public const string CertificateExpiryWindow = "Certificate.ExpiryWindow";
        public const string CertificateAutoRenew = "Certificate.AutoRenew";
        public const string CertificateIssuerCanRenew = "Certificate.IssuerCanRenew";

        public const string AccessSecretReadable = "Access.SecretReadable";
        public const string AccessLeastPrivilege = "Access.LeastPrivilege";

        public const string RotationPollingInterval = "Rotation.PollingInterval";

        public const string NodesUsable = "Nodes.Usable";
        public const string NodesExtensionSucceeded = "Nodes.ExtensionSucceeded";
    }

    /// <summary>One entry of the catalog: what a check proves and what to do when it does not pass.</summary>
    public sealed record PoolCheckDefinition(string Id, string Meaning, string Remedy);

    /// <summary>The catalog of checks, in the order a report lists them.</summary>
    public static class PoolCheckCatalog
    {
        private const string Recreate =
            "Extensions cannot be changed on an existing pool: recreate it with New-RotatingBatchPool ... -Force, which writes correct settings.";

        public static IReadOnlyList<PoolCheckDefinition> All { get; } = new[]
        {
            new PoolCheckDefinition(PoolCheckIds.PoolVirtualMachineConfiguration,
                "The pool uses Virtual Machine configuration: VM extensions (and so the Key Vault extension) exist only there.",
                "Recreate the pool with New-RotatingBatchPool (Cloud Services configuration is retired)."),
            new PoolCheckDefinition(PoolCheckIds.PoolUserAssignedIdentity,
                "The pool has a user-assigned managed identity for the extension to sign in as (pools cannot use a system-assigned one).",
                "Recreate the pool with New-RotatingBatchPool -IdentityResourceId <identity>; an identity added by PATCH reaches only new nodes."),
            new PoolCheckDefinition(PoolCheckIds.IdentityExists,
                "Each user-assigned identity of the pool still exists, so nodes can get tokens for it.",
                "Recreate the identity or the pool with an existing identity (New-RotatingBatchPool -IdentityResourceId ... -Force)."),

            new PoolCheckDefinition(PoolCheckIds.ExtensionPresent,
                "The pool has exactly one Key Vault VM extension (publisher Microsoft.Azure.KeyVault).",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionTypeMatchesOs,
                "The extension type matches the pool's OS: KeyVaultForLinux on Linux, KeyVaultForWindows on Windows.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionVersion,
                "typeHandlerVersion is a version of that extension: Linux 1.0, 2.0, 3.0; Windows 1.0, 3.0, 4.0.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionVersionSupportsImage,
                "The extension version supports the image: Linux 3.0 needs Ubuntu 22.04+ or Azure Linux, Windows 4.0 needs Server 2022/2025.",
                "Recreate the pool with New-RotatingBatchPool -ExtensionVersion <a supported version> or a supported -Image."),
            new PoolCheckDefinition(PoolCheckIds.ExtensionSettingsObject,
                "settings is a JSON object, not a (double-encoded) string: otherwise the handler fails with 'not an object'.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionSecretsManagementSettings,
                "settings.secretsManagementSettings is present and an object.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionPollingInterval,
                "pollingIntervalInS is a string holding a positive whole number of seconds (Windows 4.0: 300-3600); a number fails with 'not a string'.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionAuthenticationSettings,
                "settings.authenticationSettings is present: without it the extension cannot choose the pool identity ('Attempt to get non-existent AuthConfig').",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionMsiClientId,
                "authenticationSettings.msiClientId is the client id (not the principal id) of one of the pool's identities.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionObservedCertificates,
                "observedCertificates is a non-empty array of the shape the version reads: URL strings (Linux 1.0/2.0, Windows 1.0) or objects with a url (Linux 3.0, Windows 3.0/4.0).",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionCertificateStore,
                "Store settings are valid for the OS: Windows certificateStoreLocation LocalMachine or CurrentUser (case-sensitive) and a store name; Linux an absolute folder.",
                Recreate),
            new PoolCheckDefinition(PoolCheckIds.ExtensionOptions,
                "Only settings that exist in the extension's version are used (e.g. no linkOnRenewal, requireInitialSync or keyExportable on Windows 4.0, no acls before Linux 3.0).",
                Recreate),

            new PoolCheckDefinition(PoolCheckIds.CertificateUrl,
                "The observed URL is a Key Vault object URL (https://<vault>/secrets/<name>).",
                "Recreate the pool with the certificate's Secret Identifier (New-RotatingBatchPool -CertificateUrl ...)."),
            new PoolCheckDefinition(PoolCheckIds.CertificateSecretsPath,
                "The URL uses /secrets/: only the secret holds the private key; a /certificates/ URL gives the node no key.",
                "Recreate the pool with the /secrets/ URL (New-RotatingBatchPool normalises any form)."),
            new PoolCheckDefinition(PoolCheckIds.CertificateVersionless,
                "The URL names no version: a versioned URL pins one version and the pool never rotates.",
                "Recreate the pool with the versionless URL (New-RotatingBatchPool normalises it)."),
            new PoolCheckDefinition(PoolCheckIds.CertificateVaultExists,
                "The URL's vault exists.",
                "Correct the URL or restore the vault (soft-deleted vaults can be recovered), then recreate the pool if the URL was wrong."),
            new PoolCheckDefinition(PoolCheckIds.CertificateExists,
                "The certificate exists in the vault.",
                "Create or recover the certificate in Key Vault, or recreate the pool with the right URL."),
            new PoolCheckDefinition(PoolCheckIds.CertificateEnabled,
                "The certificate's current version is enabled: a disabled secret cannot be downloaded.",
                "Enable it: Update-AzKeyVaultCertificate -VaultName <vault> -Name <name> -Enable $true."),
            new PoolCheckDefinition(PoolCheckIds.CertificateNotExpired,
                "The certificate's current version has not expired.",
                "Renew it now (Key Vault: Certificates > the certificate > New Version), then check why AutoRenew did not."),
            new PoolCheckDefinition(PoolCheckIds.CertificateExpiryWindow,
                "The certificate expires later than -ExpiryWarning from now (a warning only: AutoRenew should already have renewed it).",
                "Check the certificate's AutoRenew trigger and issuer; renew it by hand if needed."),
            new PoolCheckDefinition(PoolCheckIds.CertificateAutoRenew,
                "The certificate policy has a lifetime action of type AutoRenew.",
                "Set-AzKeyVaultCertificatePolicy -VaultName <vault> -Name <name> -RenewAtPercentageLifetime 80."),
            new PoolCheckDefinition(PoolCheckIds.CertificateIssuerCanRenew,
                "The issuer can renew: Self or an integrated CA. Issuer Unknown (imported, external CA) never renews by itself.",
                "Create the certificate in Key Vault with issuer Self or an integrated CA (DigiCert, GlobalSign), or renew it by hand before every expiry."),

            new PoolCheckDefinition(PoolCheckIds.AccessSecretReadable,
                "The pool identity can read the certificate's secret: an access policy with secrets get, or a role with getSecret at the secret, the vault or a scope above.",
                "Grant-PoolVaultAccess -IdentityResourceId <identity> -CertificateUrl <url> (or pipe the pool: Get-RotatingBatchPool ... | Grant-PoolVaultAccess)."),
            new PoolCheckDefinition(PoolCheckIds.AccessLeastPrivilege,
                "The pool identity has no more than it needs on the vault: no secret writes, no key or certificate permissions, no role or access-policy administration.",
                "Remove the extra access policy permissions or role assignments; keep only secrets get/list or Key Vault Secrets User."),

            new PoolCheckDefinition(PoolCheckIds.RotationPollingInterval,
                "The polling interval is short enough for the renewal window (the time between AutoRenew and expiry): nodes learn of a renewal at most one interval later.",
                "Recreate the pool with a shorter -PollingInterval, or renew earlier (a larger AutoRenew window)."),

            new PoolCheckDefinition(PoolCheckIds.NodesUsable,
                "No node is unusable or startTaskFailed.",
                "Read the node errors the check lists, fix their cause (often access: Grant-PoolVaultAccess), then reimage or remove the nodes."),
            new PoolCheckDefinition(PoolCheckIds.NodesExtensionSucceeded,
                "The Key Vault extension reports success on every node read (all nodes, or the unhealthy ones with -Node Unhealthy).",
                "Fix what the extension's message says (access, URL, settings), then reimage or remove the failing nodes; settings errors need the pool recreated."),
        };

        private static readonly Dictionary<string, PoolCheckDefinition> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        /// <summary>The definition of a check id, or null for an unknown id.</summary>
        public static PoolCheckDefinition? Find(string id) => ById.TryGetValue(id, out var definition) ? definition : null;

        /// <summary>The position of a check id in the catalog (for ordering a report's checks).</summary>
        public static int Order(string id)
        {
            for (var i = 0; i < All.Count; i++)
            {
                if (string.Equals(All[i].Id, id, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return All.Count;
        }
    }
}
