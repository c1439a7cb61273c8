using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>An optional extension setting and the versions that have it.</summary>
    public sealed class ExtensionOption
    {
        private readonly KeyVaultExtensionVersion[] _supportedIn;

        private ExtensionOption(string name, string jsonName, string? absenceNote, params KeyVaultExtensionVersion[] supportedIn)
        {
            Name = name;
            JsonName = jsonName;
            AbsenceNote = absenceNote;
            _supportedIn = supportedIn;
        }

        public static readonly ExtensionOption PollingInterval = new ExtensionOption(nameof(PollingInterval), "pollingIntervalInS", null, KeyVaultExtensionVersion.All.ToArray());

        public static readonly ExtensionOption RequireInitialSync = new ExtensionOption(nameof(RequireInitialSync), "requireInitialSync",
            "Version 4.0 removed it: the extension always reports success only after every certificate is installed.",
            KeyVaultExtensionVersion.Linux1, KeyVaultExtensionVersion.Linux2, KeyVaultExtensionVersion.Linux3, KeyVaultExtensionVersion.Windows1, KeyVaultExtensionVersion.Windows3);

        public static readonly ExtensionOption CertificateStoreLocation = new ExtensionOption(nameof(CertificateStoreLocation), "certificateStoreLocation", null, KeyVaultExtensionVersion.All.ToArray());

        public static readonly ExtensionOption CertificateStoreName = new ExtensionOption(nameof(CertificateStoreName), "certificateStoreName",
            "Linux has no certificate stores; the extension ignores this setting there.",
            KeyVaultExtensionVersion.Windows1, KeyVaultExtensionVersion.Windows3, KeyVaultExtensionVersion.Windows4);

        public static readonly ExtensionOption KeyExportable = new ExtensionOption(nameof(KeyExportable), "keyExportable",
            "Version 4.0 removed it: private keys are never exportable.",
            KeyVaultExtensionVersion.Windows3);

        public static readonly ExtensionOption Accounts = new ExtensionOption(nameof(Accounts), "accounts", null,
            KeyVaultExtensionVersion.Windows3, KeyVaultExtensionVersion.Windows4);

        public static readonly ExtensionOption Acls = new ExtensionOption(nameof(Acls), "acls", null,
            KeyVaultExtensionVersion.Linux3);

        public static readonly ExtensionOption LinkOnRenewal = new ExtensionOption(nameof(LinkOnRenewal), "linkOnRenewal",
            "Version 4.0 removed it: linking always occurs.",
            KeyVaultExtensionVersion.Windows1, KeyVaultExtensionVersion.Windows3);

        public static readonly ExtensionOption CustomSymbolicLinkName = new ExtensionOption(nameof(CustomSymbolicLinkName), "customSymbolicLinkName", null,
            KeyVaultExtensionVersion.Linux3);

        /// <summary>The request property (and cmdlet parameter) name.</summary>
        public string Name { get; }

        /// <summary>The setting's name in the extension JSON.</summary>
        public string JsonName { get; }

        /// <summary>Why the setting is missing from some versions, when the docs say.</summary>
        public string? AbsenceNote { get; }

        public IReadOnlyList<KeyVaultExtensionVersion> SupportedIn => _supportedIn;

        public bool IsSupportedBy(KeyVaultExtensionVersion version) => _supportedIn.Contains(version);

        /// <summary>Refuses the option for a version that does not have it.</summary>
        public void EnsureSupportedBy(KeyVaultExtensionVersion version)
        {
            if (IsSupportedBy(version))
            {
                return;
            }

            var where = string.Join(", ", _supportedIn.Select(v => v.ToString()));
            var message = $"{Name} ({JsonName}) is not a setting of {version}; it exists only in {where}."
                + (AbsenceNote == null ? string.Empty : " " + AbsenceNote);
            throw RuleErrors.Invalid(
                RuleErrorIds.ExtensionOptionNotSupported,
                message,
                Name,
                $"Leave out {Name}, or choose an extension version that has it.");
        }
    }
}
