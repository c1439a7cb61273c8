using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Rules
{
    /// <summary>Checks the values of the extension's optional settings.</summary>
    internal static class ExtensionSettingValues
    {
        private static readonly Regex LinkNamePattern = new Regex("^[A-Za-z0-9._-]{1,255}$", RegexOptions.CultureInvariant);
        private static readonly Regex PosixNamePattern = new Regex(@"^[A-Za-z0-9._][A-Za-z0-9._@-]{0,255}$", RegexOptions.CultureInvariant);

        public static string WindowsStoreLocation(string location)
        {
            if (location == "LocalMachine" || location == "CurrentUser")
            {
                return location;
            }

            var hint = string.Equals(location, "LocalMachine", StringComparison.OrdinalIgnoreCase) ? " Did you mean 'LocalMachine'? The value is case-sensitive."
                : string.Equals(location, "CurrentUser", StringComparison.OrdinalIgnoreCase) ? " Did you mean 'CurrentUser'? The value is case-sensitive."
                : string.Empty;
            throw RuleErrors.Invalid(
                RuleErrorIds.InvalidCertificateStoreLocation,
                $"'{location}' is not a Windows certificate store location: use 'LocalMachine' or 'CurrentUser' (case-sensitive).{hint}",
                location);
        }

        public static string LinuxStoreLocation(string location)
        {
            var segments = location.Split('/');
            if (!location.StartsWith("/", StringComparison.Ordinal) || location.Any(char.IsControl)
                || segments.Any(s => s == "..") || location.Trim() != location)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidCertificateStoreLocation,
                    $"'{location}' is not a Linux certificate folder: give an absolute path such as /var/lib/waagent/Microsoft.Azure.KeyVault.Store.",
                    location);
            }

            return location;
        }

        public static string StoreName(string storeName)
        {
            if (storeName.Trim().Length == 0 || storeName.Trim() != storeName || storeName.Any(c => char.IsControl(c) || c == '\\' || c == '/'))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidCertificateStoreName,
                    $"'{storeName}' is not a Windows certificate store name such as MY, TrustedPeople or WebHosting.",
                    storeName);
            }

            return storeName;
        }

        public static JsonArray? Accounts(IReadOnlyList<string>? accounts)
        {
            if (accounts == null || accounts.Count == 0)
            {
                return null;
            }

            foreach (var account in accounts)
            {
                if (account == null || account.Trim().Length == 0 || account.Trim() != account || account.Any(char.IsControl))
                {
                    throw RuleErrors.Invalid(
                        RuleErrorIds.InvalidCertificateAccount,
                        $"'{account}' is not a Windows account name such as 'Network Service' or 'IIS AppPool\\DefaultAppPool'.",
                        account);
                }
            }

            return new JsonArray(accounts.Distinct(StringComparer.OrdinalIgnoreCase).Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
        }

        public static JsonArray? Acls(IReadOnlyList<LinuxCertificateAcl>? acls)
        {
            if (acls == null || acls.Count == 0)
            {
                return null;
            }

            var result = new JsonArray();
            foreach (var acl in acls)
            {
                if (acl == null || (acl.User == null && acl.Group == null)
                    || (acl.User != null && !PosixNamePattern.IsMatch(acl.User))
                    || (acl.Group != null && !PosixNamePattern.IsMatch(acl.Group)))
                {
                    throw RuleErrors.Invalid(
                        RuleErrorIds.InvalidCertificateAcl,
                        $"Each ACL entry needs a user, a group or both, named as on Linux (letters, digits, '.', '_', '-'); got user '{acl?.User}', group '{acl?.Group}'.",
                        acl);
                }

                var entry = new JsonObject();
                if (acl.User != null)
                {
                    entry["user"] = acl.User;
                }

                if (acl.Group != null)
                {
                    entry["group"] = acl.Group;
                }

                result.Add(entry);
            }

            return result;
        }

        public static string? SymbolicLinkName(string? name, int certificateCount)
        {
            if (name == null)
            {
                return null;
            }

            if (!LinkNamePattern.IsMatch(name) || name == "." || name == "..")
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidCustomSymbolicLinkName,
                    $"'{name}' is not a usable link name: use letters, digits, '.', '_' and '-' only (no '/').",
                    name);
            }

            if (certificateCount != 1)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidCustomSymbolicLinkName,
                    $"CustomSymbolicLinkName names the link of one certificate, but {certificateCount} certificates are observed; their links would collide.",
                    name,
                    "Observe one certificate per request when you set CustomSymbolicLinkName, or leave it out (the extension then links <vault>.<certificate>).");
            }

            return name;
        }
    }
}
