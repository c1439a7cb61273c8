using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// Reads and checks an emulator environment file (<c>emulator.env.json</c>, shape in the emulator's README).
    /// Every problem is a <see cref="BatchRotationException"/> naming the file and what to fix.
    /// </summary>
    public static class EnvironmentFileReader
    {
        private static readonly string[] RequiredStrings =
        {
            "name", "resourceManagerUrl", "authorityHost", "resourceManagerAudience", "keyVaultAudience",
            "keyVaultDnsSuffix", "batchAudience", "tenantId", "subscriptionId", "clientId", "clientSecret", "certificateFile",
        };

        /// <summary>Reads the file at <paramref name="path"/> (relative paths are taken from the current directory).</summary>
        /// <exception cref="BatchRotationException"><c>EnvironmentFileNotFound</c>, <c>EnvironmentFileInvalid</c>,
        /// <c>InsecureEndpoint</c>, <c>TrustedCertificateNotFound</c>, <c>TrustedCertificateInvalid</c>.</exception>
        public static EmulatorEnvironment Load(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw NotFound(path ?? string.Empty, "No environment file was given.");
            }

            string fullPath;
            try
            {
                fullPath = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw Invalid(path, $"'{path}' is not a valid file path.", ex);
            }

            if (!File.Exists(fullPath))
            {
                throw NotFound(fullPath, $"The environment file '{fullPath}' does not exist.");
            }

            string text;
            try
            {
                text = File.ReadAllText(fullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new BatchRotationException(
                    AzureErrorIds.EnvironmentFileInvalid,
                    ErrorKind.ResourceUnavailable,
                    $"The environment file '{fullPath}' cannot be read: {ex.Message}",
                    fullPath,
                    ex);
            }

            return Parse(text, fullPath);
        }

        /// <summary>
        /// Checks the JSON <paramref name="json"/> read from <paramref name="sourcePath"/>; a relative
        /// <c>certificateFile</c> is taken from the folder of <paramref name="sourcePath"/>.
        /// </summary>
        public static EmulatorEnvironment Parse(string json, string sourcePath)
        {
            JsonElement root;
            try
            {
                using (var document = JsonDocument.Parse(json ?? string.Empty))
                {
                    root = document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber == null ? string.Empty : $" (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})";
                throw Invalid(sourcePath, $"The environment file '{sourcePath}' is not valid JSON{where}.", ex);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourcePath, $"The environment file '{sourcePath}' must hold a JSON object.", null);
            }

            var missing = RequiredStrings.Where(name => !root.TryGetProperty(name, out _)).ToList();
            if (missing.Count > 0)
            {
                throw Invalid(sourcePath, $"The environment file '{sourcePath}' lacks {string.Join(", ", missing)}.", null);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in RequiredStrings)
            {
                values[name] = RequireString(root, name, sourcePath);
            }

            var tenantId = RequireGuid(values, "tenantId", sourcePath);
            var subscriptionId = RequireGuid(values, "subscriptionId", sourcePath);
            var clientId = RequireGuid(values, "clientId", sourcePath);
            string? principalId = null;
            if (root.TryGetProperty("principalId", out var principal) && principal.ValueKind != JsonValueKind.Null)
            {
                var text = principal.ValueKind == JsonValueKind.String ? principal.GetString() : null;
                if (text == null || !Guid.TryParse(text, out var guid))
                {
                    throw Invalid(sourcePath, $"principalId in '{sourcePath}' must be a GUID.", null);
                }

                principalId = guid.ToString("D");
            }

            var resourceManagerUrl = RequireEndpoint(values["resourceManagerUrl"], "resourceManagerUrl", sourcePath);
            var authorityHost = RequireEndpoint(values["authorityHost"], "authorityHost", sourcePath);
            Uri? controlUrl = null;
            if (root.TryGetProperty("controlUrl", out var control) && control.ValueKind != JsonValueKind.Null)
            {
                if (control.ValueKind != JsonValueKind.String)
                {
                    throw Invalid(sourcePath, $"controlUrl in '{sourcePath}' must be a string.", null);
                }

                controlUrl = RequireEndpoint(control.GetString() ?? string.Empty, "controlUrl", sourcePath);
            }

            AzureCloud cloud;
            try
            {
                cloud = AzureCloud.CreateCustom(
                    values["name"],
                    resourceManagerUrl,
                    authorityHost,
                    values["resourceManagerAudience"],
                    values["keyVaultAudience"],
                    values["keyVaultDnsSuffix"],
                    values["batchAudience"]);
            }
            catch (BatchRotationException ex) when (ex.ErrorId == AzureErrorIds.InvalidCloudDefinition)
            {
                throw Invalid(sourcePath, $"The environment file '{sourcePath}' describes an invalid cloud: {ex.Message}", ex);
            }

            var certificateFile = values["certificateFile"];
            var directory = Path.GetDirectoryName(sourcePath);
            string certificatePath;
            try
            {
                certificatePath = Path.IsPathRooted(certificateFile) || string.IsNullOrEmpty(directory)
                    ? Path.GetFullPath(certificateFile)
                    : Path.GetFullPath(Path.Combine(directory, certificateFile));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw Invalid(sourcePath, $"certificateFile '{certificateFile}' in '{sourcePath}' is not a valid path.", ex);
            }

            var certificate = PemCertificateReader.ReadFile(certificatePath);
            var trust = new PinnedCertificateTrust(certificate, new[] { cloud.ResourceManagerUrl, cloud.AuthorityHost });
            return new EmulatorEnvironment(
                sourcePath, cloud, tenantId, subscriptionId, clientId, values["clientSecret"], principalId, certificatePath, trust, controlUrl);
        }

        private static string RequireString(JsonElement root, string name, string sourcePath)
        {
            var value = root.GetProperty(name);
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw Invalid(sourcePath, $"{name} in '{sourcePath}' must be a non-empty string.", null);
            }

            return value.GetString()!.Trim();
        }

        private static string RequireGuid(Dictionary<string, string> values, string name, string sourcePath)
        {
            if (!Guid.TryParse(values[name], out var guid))
            {
                throw Invalid(sourcePath, $"{name} in '{sourcePath}' must be a GUID.", null);
            }

            return guid.ToString("D");
        }

        private static Uri RequireEndpoint(string text, string name, string sourcePath)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                throw Invalid(sourcePath, $"{name} in '{sourcePath}' must be an absolute https:// URL.", null);
            }

            if (string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InsecureEndpoint,
                    ErrorKind.InvalidData,
                    $"{name} in '{sourcePath}' is '{text}', an http:// endpoint; only TLS (https://) endpoints are accepted.",
                    sourcePath)
                {
                    Remedy = "Use the environment file the emulator wrote; it serves HTTPS only.",
                };
            }

            try
            {
                return AzureCloud.RequireHttpsEndpoint(uri, name);
            }
            catch (BatchRotationException ex) when (ex.ErrorId == AzureErrorIds.InvalidCloudDefinition)
            {
                throw Invalid(sourcePath, $"{name} in '{sourcePath}' must be an absolute https:// URL without query.", ex);
            }
        }

        private static BatchRotationException NotFound(string path, string message) =>
            new BatchRotationException(AzureErrorIds.EnvironmentFileNotFound, ErrorKind.NotFound, message, path)
            {
                Remedy = "Start the emulator (dotnet run --project src/BatchRotation.Emulator); it writes emulator.env.json into its output " +
                         "directory (.emulator by default) and prints the path.",
            };

        private static BatchRotationException Invalid(string path, string message, Exception? inner) =>
            new BatchRotationException(AzureErrorIds.EnvironmentFileInvalid, ErrorKind.InvalidData, message, path, inner)
            {
                Remedy = "Use the emulator.env.json the emulator wrote, unchanged.",
            };
    }
}
