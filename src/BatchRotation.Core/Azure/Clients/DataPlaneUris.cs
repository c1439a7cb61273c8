using System;
using System.Linq;
using System.Text.RegularExpressions;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Builds data-plane URLs under an opaque base URI taken from ARM, and checks the names put in them.</summary>
    internal static class DataPlaneUris
    {
        /// <summary>The base as an https URL ending with '/', or <c>InsecureEndpoint</c> / <c>InvalidName</c>.</summary>
        public static Uri RequireBase(Uri? baseUri, string what)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri)
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"The {what} must be an absolute https:// URL.", baseUri?.OriginalString);
            }

            if (!string.Equals(baseUri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InsecureEndpoint,
                    ErrorKind.InvalidArgument,
                    $"The {what} '{baseUri.OriginalString}' does not use https://; only TLS endpoints are called.",
                    baseUri.OriginalString);
            }

            if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"The {what} '{baseUri.OriginalString}' must not have a query.", baseUri.OriginalString);
            }

            var text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        /// <summary><paramref name="baseUri"/> + escaped segments + <c>?api-version=</c>.</summary>
        public static Uri Build(Uri baseUri, string apiVersion, params string[] segments) =>
            new Uri(baseUri.AbsoluteUri + string.Join("/", segments.Select(Uri.EscapeDataString)) + "?api-version=" + Uri.EscapeDataString(apiVersion));

        public static string RequireName(string? value, Regex pattern, string what)
        {
            if (value == null || !pattern.IsMatch(value))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"'{value}' is not a valid {what}.", value);
            }

            return value;
        }
    }
}
