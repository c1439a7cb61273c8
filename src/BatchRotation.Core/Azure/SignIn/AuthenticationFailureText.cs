using System;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// Why a sign-in failed, in one line. Azure.Identity's AuthenticationFailedException often says only
    /// "ClientSecretCredential authentication failed: " and leaves Entra's reason (AADSTS7000215: Invalid
    /// client secret provided...) to the MSAL exception inside it; this finds that reason.
    /// </summary>
    internal static class AuthenticationFailureText
    {
        private static readonly Regex EntraReason = new Regex(@"AADSTS\d+:[^\r\n]*", RegexOptions.CultureInvariant);

        /// <summary>The exception's message, followed by Entra's reason (or the first inner message) when the message lacks it.</summary>
        public static string Describe(Exception exception)
        {
            var message = (exception.Message ?? string.Empty).Trim();
            for (var inner = exception; inner != null; inner = inner.InnerException)
            {
                var reason = EntraReason.Match(inner.Message ?? string.Empty);
                if (reason.Success)
                {
                    return message.Contains(reason.Value) ? message : Join(message, reason.Value.Trim());
                }
            }

            var first = FirstLine(exception.InnerException?.Message);
            return first.Length == 0 || message.Contains(first) ? message : Join(message, first);
        }

        private static string Join(string message, string reason) =>
            message.Length == 0 ? reason : message.TrimEnd(':', ' ') + ": " + reason;

        private static string FirstLine(string? text)
        {
            var trimmed = (text ?? string.Empty).Trim();
            var end = trimmed.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? trimmed : trimmed.Substring(0, end).Trim();
        }
    }
}
