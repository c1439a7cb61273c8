using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>Reads the first certificate of a PEM file (netstandard2.0 has no PEM loader).</summary>
    internal static class PemCertificateReader
    {
        private const string Begin = "-----BEGIN CERTIFICATE-----";
        private const string End = "-----END CERTIFICATE-----";

        /// <exception cref="BatchRotationException"><c>TrustedCertificateNotFound</c> or <c>TrustedCertificateInvalid</c>.</exception>
        public static X509Certificate2 ReadFile(string path)
        {
            if (!File.Exists(path))
            {
                throw new BatchRotationException(
                    AzureErrorIds.TrustedCertificateNotFound,
                    ErrorKind.NotFound,
                    $"The certificate file '{path}' does not exist.",
                    path)
                {
                    Remedy = "Start the emulator again (it writes emulator-cert.pem beside emulator.env.json) or fix certificateFile in the environment file.",
                };
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Invalid(path, $"The certificate file '{path}' cannot be read: {ex.Message}", ex);
            }

            return ReadText(text, path);
        }

        public static X509Certificate2 ReadText(string text, string source)
        {
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf(End, start + Begin.Length, StringComparison.Ordinal);
            if (start < 0 || end < 0)
            {
                throw Invalid(source, $"'{source}' holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).", null);
            }

            var base64 = text.Substring(start + Begin.Length, end - start - Begin.Length)
                .Replace("\r", string.Empty).Replace("\n", string.Empty).Replace(" ", string.Empty).Replace("\t", string.Empty);
            byte[] der;
            try
            {
                der = Convert.FromBase64String(base64);
            }
            catch (FormatException ex)
            {
                throw Invalid(source, $"The certificate in '{source}' is not valid base64.", ex);
            }

            try
            {
                var certificate = new X509Certificate2(der);
                if (certificate.RawData == null || certificate.RawData.Length == 0)
                {
                    throw Invalid(source, $"The certificate in '{source}' is empty.", null);
                }

                return certificate;
            }
            catch (CryptographicException ex)
            {
                throw Invalid(source, $"The certificate in '{source}' is not a valid X.509 certificate: {ex.Message}", ex);
            }
        }

        private static BatchRotationException Invalid(string source, string message, Exception? inner) =>
            new BatchRotationException(AzureErrorIds.TrustedCertificateInvalid, ErrorKind.InvalidData, message, source, inner)
            {
                Remedy = "Use the emulator-cert.pem the emulator wrote, or restart the emulator to write a new one.",
            };
    }
}
