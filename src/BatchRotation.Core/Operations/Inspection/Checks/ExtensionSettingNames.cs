using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    internal enum SettingVerdict
    {
        Valid,

        /// <summary>The setting exists in other versions but not in this one.</summary>
        Removed,

        /// <summary>Accepted but without effect in this version or at this place (FACTS §2 says "ignored").</summary>
        Ignored,

        /// <summary>Not a setting of any version.</summary>
        Unknown,
    }

    /// <summary>Which settings each Key Vault extension version reads, where (FACTS §2 table).</summary>
    internal static class ExtensionSettingNames
    {
        private static readonly KeyVaultExtensionVersion[] Linux12 = { KeyVaultExtensionVersion.Linux1, KeyVaultExtensionVersion.Linux2 };
        private static readonly KeyVaultExtensionVersion[] Windows34 = { KeyVaultExtensionVersion.Windows3, KeyVaultExtensionVersion.Windows4 };

        private static readonly Dictionary<string, Func<KeyVaultExtensionVersion, (SettingVerdict, string?)>> TopLevel =
            new Dictionary<string, Func<KeyVaultExtensionVersion, (SettingVerdict, string?)>>(StringComparer.Ordinal)
            {
                ["pollingIntervalInS"] = _ => (SettingVerdict.Valid, null),
                ["observedCertificates"] = _ => (SettingVerdict.Valid, null),
                ["requireInitialSync"] = v => Supported(v, ExtensionOption.RequireInitialSync),
                ["linkOnRenewal"] = v => v.Os == OsFamily.Linux ? (SettingVerdict.Removed, "only the Windows extension links renewed certificates.") : Supported(v, ExtensionOption.LinkOnRenewal),
                ["certificateStoreLocation"] = v =>
                    Linux12.Contains(v) || v.Equals(KeyVaultExtensionVersion.Windows1) ? (SettingVerdict.Valid, null)
                    : (SettingVerdict.Ignored, "this version takes the store per certificate, in each observedCertificates entry."),
                ["certificateStoreName"] = v =>
                    v.Os == OsFamily.Linux ? (SettingVerdict.Ignored, "Linux has no certificate stores.")
                    : v.Equals(KeyVaultExtensionVersion.Windows1) ? (SettingVerdict.Valid, null)
                    : (SettingVerdict.Ignored, "this version takes the store per certificate, in each observedCertificates entry."),
                ["aclEnabled"] = v => v.Equals(KeyVaultExtensionVersion.Linux3) ? (SettingVerdict.Valid, null) : (SettingVerdict.Removed, "only KeyVaultForLinux 3.0 has it."),
                ["loggingSettings"] = v => v.Equals(KeyVaultExtensionVersion.Linux3) ? (SettingVerdict.Valid, null) : (SettingVerdict.Removed, "only KeyVaultForLinux 3.0 has it."),
            };

        private static readonly Dictionary<string, Func<KeyVaultExtensionVersion, (SettingVerdict, string?)>> PerCertificate =
            new Dictionary<string, Func<KeyVaultExtensionVersion, (SettingVerdict, string?)>>(StringComparer.Ordinal)
            {
                ["url"] = _ => (SettingVerdict.Valid, null),
                ["certificateStoreLocation"] = _ => (SettingVerdict.Valid, null),
                ["certificateStoreName"] = v => v.Os == OsFamily.Linux ? (SettingVerdict.Ignored, "Linux has no certificate stores.") : (SettingVerdict.Valid, null),
                ["customSymbolicLinkName"] = v => Supported(v, ExtensionOption.CustomSymbolicLinkName),
                ["acls"] = v => Supported(v, ExtensionOption.Acls),
                ["keyExportable"] = v => Supported(v, ExtensionOption.KeyExportable),
                ["accounts"] = v => Windows34.Contains(v) ? (SettingVerdict.Valid, null) : (SettingVerdict.Removed, "only KeyVaultForWindows 3.0 and 4.0 have it."),
            };

        public static (SettingVerdict Verdict, string? Note) Judge(KeyVaultExtensionVersion version, string name, bool perCertificate)
        {
            var table = perCertificate ? PerCertificate : TopLevel;
            if (table.TryGetValue(name, out var judge))
            {
                return judge(version);
            }

            var elsewhere = perCertificate ? TopLevel : PerCertificate;
            return elsewhere.ContainsKey(name)
                ? (SettingVerdict.Ignored, perCertificate ? "it belongs in secretsManagementSettings, not in a certificate entry." : "it belongs in each observedCertificates entry.")
                : (SettingVerdict.Unknown, null);
        }

        private static (SettingVerdict, string?) Supported(KeyVaultExtensionVersion version, ExtensionOption option) =>
            option.IsSupportedBy(version)
                ? (SettingVerdict.Valid, null)
                : (SettingVerdict.Removed, option.AbsenceNote ?? $"only {string.Join(", ", option.SupportedIn.Select(v => v.ToString()))} have it.");
    }
}
