using System;
using System.Collections.Generic;
using System.Text;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Makes a request URL safe to show: scheme, host, port and path stay; of the query, only parameters known to
    /// carry no secret keep their value (others, e.g. the signature parameters of ARM operation URLs or SAS
    /// tokens, show as <c>***</c>); the result also goes through the <see cref="Redactor"/>.
    /// </summary>
    internal static class UrlSanitizer
    {
        private static readonly HashSet<string> ShownParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "api-version", "$filter", "$top", "$skip", "$select", "$expand", "$orderby", "maxresults", "timeout",
        };

        public static string Sanitize(Uri? uri, Redactor redactor)
        {
            if (uri == null)
            {
                return "(no URL)";
            }

            if (!uri.IsAbsoluteUri)
            {
                return redactor.Redact(uri.OriginalString.Split('?')[0]);
            }

            var builder = new StringBuilder();
            builder.Append(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
            var query = uri.Query;
            if (query.Length > 1)
            {
                var separator = '?';
                foreach (var pair in query.Substring(1).Split('&'))
                {
                    if (pair.Length == 0)
                    {
                        continue;
                    }

                    var equals = pair.IndexOf('=');
                    var name = equals < 0 ? pair : pair.Substring(0, equals);
                    builder.Append(separator).Append(name);
                    if (equals >= 0)
                    {
                        builder.Append('=').Append(ShownParameters.Contains(Uri.UnescapeDataString(name)) ? pair.Substring(equals + 1) : Redactor.Mask);
                    }

                    separator = '&';
                }
            }

            return redactor.Redact(builder.ToString());
        }
    }
}
