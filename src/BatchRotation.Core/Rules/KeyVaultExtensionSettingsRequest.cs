using System;
using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// What to put in the Key Vault extension's settings. Optional values left null take the documented
    /// defaults; an optional value given for a version that has no such setting is refused, never dropped.
    /// </summary>
    public sealed record KeyVaultExtensionSettingsRequest(
        KeyVaultExtensionVersion Version,
        IReadOnlyList<CertificateUrl> ObservedCertificates,
        string MsiClientId)
    {
        /// <summary>How often the extension polls Key Vault; whole seconds; default one hour.</summary>
        public TimeSpan? PollingInterval { get; init; }

        /// <summary>Report success only once every certificate is installed. Default true. Not in Windows 4.0 (always on).</summary>
        public bool? RequireInitialSync { get; init; }

        /// <summary>Windows: <c>LocalMachine</c> or <c>CurrentUser</c> (case-sensitive). Linux: an absolute directory.</summary>
        public string? CertificateStoreLocation { get; init; }

        /// <summary>Windows only, e.g. <c>MY</c> (the default).</summary>
        public string? CertificateStoreName { get; init; }

        /// <summary>Windows 3.0 only. Default false.</summary>
        public bool? KeyExportable { get; init; }

        /// <summary>Windows 3.0 and 4.0: accounts given read access to the private key.</summary>
        public IReadOnlyList<string>? Accounts { get; init; }

        /// <summary>Linux 3.0: users and groups given read access to the certificate files.</summary>
        public IReadOnlyList<LinuxCertificateAcl>? Acls { get; init; }

        /// <summary>Windows 1.0 and 3.0. Default true (4.0 always links).</summary>
        public bool? LinkOnRenewal { get; init; }

        /// <summary>Linux 3.0, one observed certificate only: the name of the link to its newest version.</summary>
        public string? CustomSymbolicLinkName { get; init; }
    }
}
