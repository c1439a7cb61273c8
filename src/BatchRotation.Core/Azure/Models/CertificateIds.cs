using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>Reads names, versions and thumbprints out of Key Vault certificate ids.</summary>
    internal static class CertificateIds
    {
        /// <summary>The name and version of <c>.../certificates/{name}/{version}</c>, from the end of the path.</summary>
        public static (string? Name, string? Version) NameAndVersion(string id)
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out var uri))
            {
                return (null, null);
            }

            var segments = uri.AbsolutePath.Trim('/').Split('/');
            for (var i = segments.Length - 2; i >= 0; i--)
            {
                if (string.Equals(segments[i], "certificates", StringComparison.OrdinalIgnoreCase))
                {
                    var name = Uri.UnescapeDataString(segments[i + 1]);
                    var version = i + 2 < segments.Length ? Uri.UnescapeDataString(segments[i + 2]) : null;
                    return (name, version);
                }
            }

            return (null, null);
        }

        public static string? X5tToHex(string? x5t)
        {
            if (string.IsNullOrEmpty(x5t))
            {
                return null;
            }

            try
            {
                var base64 = x5t!.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                return string.Concat(Convert.FromBase64String(base64).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
