using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>A Key Vault VM extension version for one OS: Linux 1.0, 2.0, 3.0; Windows 1.0, 3.0, 4.0.</summary>
    public sealed class KeyVaultExtensionVersion : IEquatable<KeyVaultExtensionVersion>
    {
        public static readonly KeyVaultExtensionVersion Linux1 = new KeyVaultExtensionVersion(OsFamily.Linux, 1);
        public static readonly KeyVaultExtensionVersion Linux2 = new KeyVaultExtensionVersion(OsFamily.Linux, 2);
        public static readonly KeyVaultExtensionVersion Linux3 = new KeyVaultExtensionVersion(OsFamily.Linux, 3);
        public static readonly KeyVaultExtensionVersion Windows1 = new KeyVaultExtensionVersion(OsFamily.Windows, 1);
        public static readonly KeyVaultExtensionVersion Windows3 = new KeyVaultExtensionVersion(OsFamily.Windows, 3);
        public static readonly KeyVaultExtensionVersion Windows4 = new KeyVaultExtensionVersion(OsFamily.Windows, 4);

        public static IReadOnlyList<KeyVaultExtensionVersion> All { get; } = new[] { Linux1, Linux2, Linux3, Windows1, Windows3, Windows4 };

        private KeyVaultExtensionVersion(OsFamily os, int major)
        {
            Os = os;
            Major = major;
        }

        public OsFamily Os { get; }

        public int Major { get; }

        /// <summary>The <c>typeHandlerVersion</c> string, e.g. <c>3.0</c>.</summary>
        public string TypeHandlerVersion => Major + ".0";

        public const string Publisher = "Microsoft.Azure.KeyVault";

        /// <summary><c>KeyVaultForLinux</c> or <c>KeyVaultForWindows</c>.</summary>
        public string ExtensionType => Os == OsFamily.Windows ? "KeyVaultForWindows" : "KeyVaultForLinux";

        public static IReadOnlyList<KeyVaultExtensionVersion> SupportedFor(OsFamily os) => All.Where(v => v.Os == os).ToArray();

        /// <summary>Parses <c>3</c> or <c>3.0</c> for the given OS.</summary>
        public static KeyVaultExtensionVersion Parse(OsFamily os, string? version)
        {
            var text = version?.Trim() ?? string.Empty;
            if (text.EndsWith(".0", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 2);
            }

            var match = SupportedFor(os).FirstOrDefault(v => v.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) == text);
            if (match == null)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.UnsupportedExtensionVersion,
                    $"'{version}' is not a Key Vault VM extension version for {os}. Supported: {string.Join(", ", SupportedFor(os).Select(v => v.TypeHandlerVersion))}.",
                    version);
            }

            return match;
        }

        public bool Equals(KeyVaultExtensionVersion? other) => other != null && other.Os == Os && other.Major == Major;

        public override bool Equals(object? obj) => Equals(obj as KeyVaultExtensionVersion);

        public override int GetHashCode() => ((int)Os * 397) ^ Major;

        public override string ToString() => $"{ExtensionType} {TypeHandlerVersion}";
    }
}
