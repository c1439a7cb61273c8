using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// A Key Vault certificate reference in any form users copy from the portal or the CLI
    /// (<c>/secrets/</c> or <c>/certificates/</c>, with or without a version, with or without a trailing
    /// slash), normalised to the versionless <c>/secrets/&lt;name&gt;</c> URL that the Key Vault VM
    /// extension must observe. The vault base may carry a path prefix (a local emulator does), so the
    /// object segment is found from the end of the path, never from a DNS pattern.
    /// </summary>
    public sealed class CertificateUrl : IEquatable<CertificateUrl>
    {
        private static readonly Regex NamePattern = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);
        private static readonly Regex PrefixSegmentPattern = new Regex("^[A-Za-z0-9._~-]+$", RegexOptions.CultureInvariant);

        private CertificateUrl(string original, string vaultBase, string name, string? version, bool wasCertificatesPath)
        {
            Original = original;
            VaultUri = new Uri(vaultBase, UriKind.Absolute);
            Name = name;
            Version = version;
            WasCertificatesPath = wasCertificatesPath;
            SecretUrl = vaultBase + "secrets/" + name;
            CertificateMetadataUrl = vaultBase + "certificates/" + name;
        }

        /// <summary>The text as the user gave it (trimmed).</summary>
        public string Original { get; }

        /// <summary>The vault base URI, always ending with a slash, e.g. <c>https://myvault.vault.azure.net/</c>.</summary>
        public Uri VaultUri { get; }

        public string Name { get; }

        /// <summary>The 32-hex version the input named, lower case; null when the input was versionless.</summary>
        public string? Version { get; }

        public bool WasCertificatesPath { get; }

        public bool WasVersioned => Version != null;

        /// <summary>The versionless <c>/secrets/&lt;name&gt;</c> URL: the form the extension must observe.</summary>
        public string SecretUrl { get; }

        /// <summary>The versionless <c>/certificates/&lt;name&gt;</c> URL, for reading certificate metadata and policy.</summary>
        public string CertificateMetadataUrl { get; }

        /// <summary>True when the input already was the normalised versionless secret URL.</summary>
        public bool WasNormalised => !WasVersioned && !WasCertificatesPath;

        public static CertificateUrl Parse(string? input)
        {
            if (TryParse(input, out var url, out var problem))
            {
                return url;
            }

            throw RuleErrors.Invalid(
                RuleErrorIds.InvalidCertificateUrl,
                $"'{input}' is not a Key Vault certificate URL: {problem}",
                input,
                "Copy the certificate's Secret Identifier from the portal (Key Vault > Certificates > the certificate > Secret Identifier), "
                + "e.g. https://myvault.vault.azure.net/secrets/mycert. The version at the end may be left out.");
        }

        public static bool TryParse(string? input, [NotNullWhen(true)] out CertificateUrl? url, [NotNullWhen(false)] out string? problem)
        {
            url = null;
            problem = Check(input, out var parts);
            if (problem != null)
            {
                return false;
            }

            url = new CertificateUrl(parts.Original, parts.VaultBase, parts.Name, parts.Version, parts.WasCertificates);
            return true;
        }

        /// <summary>
        /// Why a versioned input was changed, or null when the input named no version.
        /// </summary>
        public string? GetVersionWarning()
        {
            if (!WasVersioned)
            {
                return null;
            }

            return $"'{Original}' names version {Version} of certificate '{Name}'. A versioned URL pins that one version: "
                + "when Key Vault renews the certificate it creates a new secret version, and a node observing the pinned URL "
                + $"keeps the old certificate forever, so the pool never rotates. Using the versionless URL {SecretUrl} instead.";
        }

        /// <summary>
        /// Why a <c>/certificates/</c> input was changed to <c>/secrets/</c>, or null when it already was a secret URL.
        /// </summary>
        public string? GetPathNote()
        {
            if (!WasCertificatesPath)
            {
                return null;
            }

            return $"'{Original}' is a /certificates/ URL, which never returns the private key; the extension must observe "
                + $"the certificate's secret. Using {SecretUrl} instead.";
        }

        // Key Vault object identifiers are compared as case-insensitive strings (Key Vault docs,
        // "About keys, secrets and certificates"), so equality is case-insensitive on the whole URL.
        public bool Equals(CertificateUrl? other) =>
            other != null && string.Equals(SecretUrl, other.SecretUrl, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as CertificateUrl);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(SecretUrl);

        public override string ToString() => SecretUrl;

        private static string? Check(string? input, out Parts parts)
        {
            parts = default;
            if (input == null || input.Trim().Length == 0)
            {
                return "it is empty.";
            }

            var text = input.Trim();
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return "it contains white space.";
                }
            }

            if (text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0)
            {
                return "it has a query string or fragment; the extension needs the bare URL.";
            }

            if (text.IndexOf('\\') >= 0 || text.IndexOf('%') >= 0)
            {
                return "it contains '\\' or '%', which never occur in a Key Vault URL.";
            }

            // Checked first because on Unix Uri reads "/secrets/x" as an absolute file URI.
            if (text.IndexOf("://", StringComparison.Ordinal) < 0 || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return "it is not an absolute URL.";
            }

            if (!string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return "it must start with https:// (Key Vault accepts only HTTPS).";
            }

            if (uri.UserInfo.Length > 0)
            {
                return "it must not contain user information.";
            }

            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal) + 3;
            var pathStart = text.IndexOf('/', schemeEnd);
            var rawPath = pathStart < 0 ? string.Empty : text.Substring(pathStart + 1);
            var segments = new List<string>(rawPath.Split('/'));
            if (segments.Count > 0 && segments[segments.Count - 1].Length == 0)
            {
                segments.RemoveAt(segments.Count - 1);
            }

            foreach (var segment in segments)
            {
                if (segment.Length == 0)
                {
                    return "it contains an empty path segment ('//').";
                }

                if (segment == "." || segment == "..")
                {
                    return "it contains a '.' or '..' path segment.";
                }
            }

            int kindIndex;
            string? version = null;
            if (segments.Count >= 2 && IsObjectKind(segments[segments.Count - 2]))
            {
                kindIndex = segments.Count - 2;
            }
            else if (segments.Count >= 3 && IsObjectKind(segments[segments.Count - 3]))
            {
                kindIndex = segments.Count - 3;
                version = segments[segments.Count - 1];
                if (!VersionPattern.IsMatch(version))
                {
                    return $"the segment after the certificate name ('{version}') is not a 32-character hexadecimal version.";
                }
            }
            else if (segments.Count >= 1 && IsObjectKind(segments[segments.Count - 1]))
            {
                return "it names no certificate after /" + segments[segments.Count - 1] + "/.";
            }
            else
            {
                return "it must end with /secrets/<name> or /certificates/<name>, optionally followed by a version.";
            }

            var name = segments[kindIndex + 1];
            if (!NamePattern.IsMatch(name))
            {
                return $"'{name}' is not a valid certificate name (1-127 letters, digits and hyphens).";
            }

            var prefix = segments.GetRange(0, kindIndex);
            foreach (var segment in prefix)
            {
                if (!PrefixSegmentPattern.IsMatch(segment))
                {
                    return $"the path segment '{segment}' contains characters a vault URL never has.";
                }
            }

            var authority = uri.Host.ToLowerInvariant() + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var vaultBase = "https://" + authority + "/" + (prefix.Count == 0 ? string.Empty : string.Join("/", prefix) + "/");
            parts = new Parts(
                text,
                vaultBase,
                name,
                version?.ToLowerInvariant(),
                string.Equals(segments[kindIndex], "certificates", StringComparison.OrdinalIgnoreCase));
            return null;
        }

        private static bool IsObjectKind(string segment) =>
            string.Equals(segment, "secrets", StringComparison.OrdinalIgnoreCase)
            || string.Equals(segment, "certificates", StringComparison.OrdinalIgnoreCase);

        private readonly struct Parts
        {
            public Parts(string original, string vaultBase, string name, string? version, bool wasCertificates)
            {
                Original = original;
                VaultBase = vaultBase;
                Name = name;
                Version = version;
                WasCertificates = wasCertificates;
            }

            public string Original { get; }

            public string VaultBase { get; }

            public string Name { get; }

            public string? Version { get; }

            public bool WasCertificates { get; }
        }
    }
}
