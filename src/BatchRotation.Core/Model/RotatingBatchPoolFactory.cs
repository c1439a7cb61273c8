using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Model
{
    /// <summary>
    /// Builds a <see cref="RotatingBatchPool"/> from a pool as ARM returns it. Reading is tolerant: a pool
    /// made by another tool with broken extension settings still yields an object (what can be read is
    /// filled, the rest stays empty) so that Test-PoolCertificate can judge it.
    /// </summary>
    public static class RotatingBatchPoolFactory
    {
        public const string KeyVaultPublisher = "Microsoft.Azure.KeyVault";

        public static RotatingBatchPool From(BatchPool pool, string? accountEndpoint)
        {
            var id = BatchPoolId.Parse(pool.Id);
            var extension = FindKeyVaultExtension(pool);
            var settings = extension?.Settings is { ValueKind: JsonValueKind.Object } s ? s : (JsonElement?)null;
            var secrets = settings is { } o && o.TryGetProperty("secretsManagementSettings", out var sms) && sms.ValueKind == JsonValueKind.Object ? sms : (JsonElement?)null;
            var msiClientId = settings is { } a && a.TryGetProperty("authenticationSettings", out var auth) && auth.ValueKind == JsonValueKind.Object
                ? StringProperty(auth, "msiClientId")
                : null;
            var identities = pool.Identity?.UserAssignedIdentities ?? Array.Empty<UserAssignedIdentityReference>();
            var used = identities.FirstOrDefault(i => msiClientId != null && string.Equals(i.ClientId, msiClientId, StringComparison.OrdinalIgnoreCase))
                ?? (identities.Count == 1 ? identities[0] : null);

            return new RotatingBatchPool
            {
                PoolResourceId = pool.Id,
                SubscriptionId = id.Account.SubscriptionId,
                ResourceGroupName = id.Account.ResourceGroupName,
                AccountName = id.Account.AccountName,
                Name = pool.Name.Length > 0 ? pool.Name : id.PoolName,
                AccountEndpoint = accountEndpoint,
                Os = OsOf(pool.NodeAgentSkuId),
                VmSize = pool.VmSize,
                ImageReference = pool.ImagePublisher == null ? null : $"{pool.ImagePublisher}:{pool.ImageOffer}:{pool.ImageSku}:{pool.ImageVersion ?? "latest"}",
                NodeAgentSkuId = pool.NodeAgentSkuId,
                IdentityResourceId = used?.ResourceId,
                IdentityClientId = used?.ClientId,
                IdentityPrincipalId = used?.PrincipalId,
                IdentityResourceIds = identities.Select(i => i.ResourceId).ToArray(),
                CertificateUrl = secrets is { } sm ? ObservedUrls(sm) : Array.Empty<string>(),
                ExtensionType = extension?.Type,
                ExtensionName = extension?.Name,
                ExtensionVersion = extension?.TypeHandlerVersion,
                PollingInterval = secrets is { } p ? PollingInterval(p) : null,
                RequireInitialSync = secrets is { } r && r.TryGetProperty("requireInitialSync", out var ris) && (ris.ValueKind == JsonValueKind.True || ris.ValueKind == JsonValueKind.False)
                    ? ris.GetBoolean()
                    : (bool?)null,
                ProvisioningState = pool.ProvisioningState,
                AllocationState = pool.AllocationState,
                TargetDedicatedNodes = TargetNodes(pool.Raw, "targetDedicatedNodes"),
                TargetLowPriorityNodes = TargetNodes(pool.Raw, "targetLowPriorityNodes"),
                CurrentDedicatedNodes = pool.CurrentDedicatedNodes ?? 0,
                CurrentLowPriorityNodes = pool.CurrentLowPriorityNodes ?? 0,
                ETag = pool.ETag,
            };
        }

        /// <summary>The pool's first Key Vault VM extension (publisher Microsoft.Azure.KeyVault), if any.</summary>
        public static PoolExtension? FindKeyVaultExtension(BatchPool pool) =>
            pool.Extensions.FirstOrDefault(e => string.Equals(e.Publisher, KeyVaultPublisher, StringComparison.OrdinalIgnoreCase)
                && (string.Equals(e.Type, "KeyVaultForLinux", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(e.Type, "KeyVaultForWindows", StringComparison.OrdinalIgnoreCase)));

        private static OsFamily? OsOf(string? nodeAgentSkuId)
        {
            if (nodeAgentSkuId == null)
            {
                return null;
            }

            return nodeAgentSkuId.StartsWith("batch.node.windows", StringComparison.OrdinalIgnoreCase) ? OsFamily.Windows : OsFamily.Linux;
        }

        private static string[] ObservedUrls(JsonElement secretsManagementSettings)
        {
            if (!secretsManagementSettings.TryGetProperty("observedCertificates", out var observed) || observed.ValueKind != JsonValueKind.Array)
            {
                return Array.Empty<string>();
            }

            return observed.EnumerateArray()
                .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()
                    : item.ValueKind == JsonValueKind.Object ? StringProperty(item, "url")
                    : null)
                .Where(url => !string.IsNullOrEmpty(url))
                .Select(url => url!)
                .ToArray();
        }

        // The extension requires a string; a number (a common mistake) is still shown for what it says.
        private static TimeSpan? PollingInterval(JsonElement secretsManagementSettings)
        {
            if (!secretsManagementSettings.TryGetProperty("pollingIntervalInS", out var value))
            {
                return null;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString()
                : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
                : null;
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        }

        private static int TargetNodes(JsonElement pool, string property)
        {
            if (pool.ValueKind == JsonValueKind.Object
                && pool.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("scaleSettings", out var scale) && scale.ValueKind == JsonValueKind.Object
                && scale.TryGetProperty("fixedScale", out var fixedScale) && fixedScale.ValueKind == JsonValueKind.Object
                && fixedScale.TryGetProperty(property, out var count) && count.ValueKind == JsonValueKind.Number
                && count.TryGetInt32(out var n))
            {
                return n;
            }

            return 0;
        }

        private static string? StringProperty(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
