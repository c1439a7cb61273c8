using System.Management.Automation;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Cmdlets.Connection
{
    /// <summary>Turns the -EnvironmentFile argument into a file-system path the way PowerShell cmdlets resolve paths.</summary>
    internal static class EnvironmentFilePath
    {
        /// <summary>
        /// The full file-system path of <paramref name="path"/>, relative to the current PowerShell location (not the
        /// process's directory), with PowerShell drives expanded.
        /// </summary>
        /// <exception cref="BatchRotationException"><c>EnvironmentFileNotFound</c> for a missing drive or a path outside the file system.</exception>
        public static string Resolve(PSCmdlet cmdlet, string path)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (SessionStateException ex)
            {
                throw NotFound(path, $"The environment file path '{path}' cannot be resolved: {ex.Message}");
            }

            if (!string.Equals(provider.Name, "FileSystem", System.StringComparison.OrdinalIgnoreCase))
            {
                throw NotFound(path, $"The environment file path '{path}' is on the {provider.Name} provider, not in the file system.");
            }

            return resolved;
        }

        private static BatchRotationException NotFound(string path, string message) =>
            new BatchRotationException(AzureErrorIds.EnvironmentFileNotFound, ErrorKind.NotFound, message, path)
            {
                Remedy = "Give the path of the emulator.env.json the emulator wrote (in its output directory, .emulator by default).",
            };
    }
}
