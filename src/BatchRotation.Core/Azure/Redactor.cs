using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Azure
{
    /// <summary>
    /// Removes secrets from any text the Core produces (messages, verbose lines, error details): bearer and
    /// basic credentials, JWT-looking strings, secret-bearing query or form parameters (<c>client_secret=</c>,
    /// <c>sig=</c>...), secret-bearing JSON properties, and the secrets this instance was told about (e.g. the
    /// client secret from the environment file). Immutable and thread-safe.
    /// </summary>
    public sealed class Redactor
    {
        /// <summary>What replaces each secret.</summary>
        public const string Mask = "***";

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled;

        private static readonly Regex AuthorizationScheme = new Regex(
            @"\b(Bearer|PoP|Basic|SharedKey)(\s+)[A-Za-z0-9\-._~+/]{16,}=*", Options);

        private static readonly Regex Jwt = new Regex(
            @"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", Options);

        private static readonly Regex SecretParameter = new Regex(
            @"\b(client_secret|client_assertion|assertion|access_token|refresh_token|id_token|sig|signature|password|pwd|secret|token|code_verifier|AccountKey|SharedAccessKey|SharedAccessSignature)=([^&\s""';,]+)",
            Options);

        private static readonly Regex SecretJsonProperty = new Regex(
            @"(""(?:client_?secret|client_assertion|access_?token|refresh_?token|id_?token|password|secret)""\s*:\s*"")((?:[^""\\]|\\.)*)("")",
            Options);

        private readonly string[] _knownSecrets;

        /// <summary>A redactor that knows no particular secret (patterns only).</summary>
        public static Redactor Default { get; } = new Redactor(Array.Empty<string>());

        /// <summary>
        /// A redactor that also masks each of <paramref name="knownSecrets"/> wherever it appears. Values
        /// shorter than 4 characters are ignored (masking them would destroy ordinary text).
        /// </summary>
        public Redactor(IEnumerable<string?> knownSecrets)
        {
            _knownSecrets = (knownSecrets ?? throw new ArgumentNullException(nameof(knownSecrets)))
                .Where(s => s != null && s.Length >= 4)
                .Select(s => s!)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length)
                .ToArray();
        }

        /// <summary>How many explicit secrets this instance masks.</summary>
        public int KnownSecretCount => _knownSecrets.Length;

        /// <summary>A redactor that masks everything this one does, plus <paramref name="secret"/>.</summary>
        public Redactor WithSecret(string? secret) => new Redactor(_knownSecrets.Concat(new[] { secret }));

        /// <summary>The text with every secret replaced by <see cref="Mask"/>. Null stays null.</summary>
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull("text")]
        public string? Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            var result = text!;
            foreach (var secret in _knownSecrets)
            {
                result = Replace(result, secret);
                var escaped = Uri.EscapeDataString(secret);
                if (!string.Equals(escaped, secret, StringComparison.Ordinal))
                {
                    result = Replace(result, escaped);
                }
            }

            result = AuthorizationScheme.Replace(result, m => m.Groups[1].Value + m.Groups[2].Value + Mask);
            result = Jwt.Replace(result, Mask);
            result = SecretParameter.Replace(result, m => m.Groups[1].Value + "=" + Mask);
            result = SecretJsonProperty.Replace(result, m => m.Groups[1].Value + Mask + m.Groups[3].Value);
            return result;
        }

        private static string Replace(string text, string secret)
        {
            var index = text.IndexOf(secret, StringComparison.Ordinal);
            if (index < 0)
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            var start = 0;
            while (index >= 0)
            {
                builder.Append(text, start, index - start).Append(Mask);
                start = index + secret.Length;
                index = text.IndexOf(secret, start, StringComparison.Ordinal);
            }

            builder.Append(text, start, text.Length - start);
            return builder.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => $"Redactor ({_knownSecrets.Length} known secret(s))";
    }
}
