using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Builds the body of <c>PUT .../batchAccounts/{account}/pools/{pool}</c> for Batch management
    /// api-version 2025-06-01 (definition <c>Pool</c> of BatchManagement.json).
    /// </summary>
    public static class PoolBodyBuilder
    {
        public const string ApiVersion = "2025-06-01";

        private static readonly TimeSpan MinimumResizeTimeout = TimeSpan.FromMinutes(5);

        public static JsonObject Build(PoolSpec spec)
        {
            if (spec == null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            Validate(spec);
            var virtualMachine = new JsonObject
            {
                ["imageReference"] = new JsonObject
                {
                    ["publisher"] = spec.Image.Reference.Publisher,
                    ["offer"] = spec.Image.Reference.Offer,
                    ["sku"] = spec.Image.Reference.Sku,
                    ["version"] = spec.Image.Reference.Version,
                },
                ["nodeAgentSkuId"] = spec.Image.NodeAgentSkuId,
            };
            if (spec.Extensions.Count > 0)
            {
                virtualMachine["extensions"] = new JsonArray(spec.Extensions.Select(e => e.DeepClone()).ToArray());
            }

            var fixedScale = new JsonObject
            {
                ["targetDedicatedNodes"] = spec.TargetDedicatedNodes,
                ["targetLowPriorityNodes"] = spec.TargetLowPriorityNodes,
            };
            if (spec.ResizeTimeout != null)
            {
                fixedScale["resizeTimeout"] = XmlConvert.ToString(spec.ResizeTimeout.Value);
            }

            var properties = new JsonObject();
            if (spec.DisplayName != null)
            {
                properties["displayName"] = spec.DisplayName;
            }

            properties["vmSize"] = spec.VmSize;
            properties["deploymentConfiguration"] = new JsonObject { ["virtualMachineConfiguration"] = virtualMachine };
            properties["scaleSettings"] = new JsonObject { ["fixedScale"] = fixedScale };
            if (spec.SubnetId != null)
            {
                properties["networkConfiguration"] = new JsonObject { ["subnetId"] = spec.SubnetId };
            }

            return new JsonObject
            {
                ["properties"] = properties,
                ["identity"] = new JsonObject
                {
                    ["type"] = "UserAssigned",
                    ["userAssignedIdentities"] = new JsonObject { [spec.Identity.Id.Value] = new JsonObject() },
                },
            };
        }

        private static void Validate(PoolSpec spec)
        {
            if (spec.Image == null || spec.Identity == null || spec.Extensions == null)
            {
                throw Invalid("A pool needs an image, a user-assigned identity and an extension list.", spec);
            }

            if (spec.VmSize == null || spec.VmSize.Trim().Length == 0 || spec.VmSize.Any(char.IsWhiteSpace))
            {
                throw Invalid($"'{spec.VmSize}' is not a VM size such as Standard_D2s_v5.", spec.VmSize);
            }

            if (spec.TargetDedicatedNodes < 0 || spec.TargetLowPriorityNodes < 0)
            {
                throw Invalid($"Node counts cannot be negative (dedicated {spec.TargetDedicatedNodes}, low-priority {spec.TargetLowPriorityNodes}).", spec);
            }

            if (spec.DisplayName != null && spec.DisplayName.Length > 1024)
            {
                throw Invalid("The display name may have at most 1024 characters.", spec.DisplayName);
            }

            if (spec.ResizeTimeout != null && spec.ResizeTimeout.Value < MinimumResizeTimeout)
            {
                throw Invalid($"The resize timeout {spec.ResizeTimeout.Value} is below Batch's minimum of 5 minutes.", spec.ResizeTimeout);
            }

            if (spec.SubnetId != null)
            {
                ResourceId.ParseOfType(spec.SubnetId, AzureResourceTypes.Subnet,
                    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}");
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var extension in spec.Extensions)
            {
                var name = CheckExtension(extension, spec.Image);
                if (!names.Add(name))
                {
                    throw Invalid($"Two extensions are named '{name}'; extension names must be unique in a pool.", name);
                }
            }
        }

        private static string CheckExtension(JsonObject extension, PoolImage image)
        {
            if (extension == null)
            {
                throw Invalid("An extension entry is missing.", null);
            }

            var name = StringOf(extension, "name");
            var publisher = StringOf(extension, "publisher");
            var type = StringOf(extension, "type");
            if (extension.TryGetPropertyValue("settings", out var settings) && settings != null && !(settings is JsonObject))
            {
                // FACTS §2: settings sent as a JSON string fail on the node with "not an object".
                throw Invalid($"The settings of extension '{name}' must be a JSON object, not a {settings.GetValueKind()}.", name);
            }

            if (string.Equals(publisher, KeyVaultExtensionVersion.Publisher, StringComparison.OrdinalIgnoreCase))
            {
                var os = string.Equals(type, "KeyVaultForWindows", StringComparison.OrdinalIgnoreCase) ? OsFamily.Windows
                    : string.Equals(type, "KeyVaultForLinux", StringComparison.OrdinalIgnoreCase) ? OsFamily.Linux
                    : throw Invalid($"'{type}' is not a Key Vault extension type (KeyVaultForLinux or KeyVaultForWindows).", name);
                if (os != image.Os)
                {
                    throw RuleErrors.Invalid(
                        RuleErrorIds.ExtensionVersionNotSupportedOnImage,
                        $"Extension '{name}' is {type}, but image {image} runs {image.Os}.",
                        name,
                        $"Use KeyVaultFor{image.Os} for this image.");
                }

                string? version = null;
                if (extension["typeHandlerVersion"] is JsonValue handler && handler.TryGetValue<string>(out var handlerText))
                {
                    version = handlerText;
                }

                ExtensionVersionRules.EnsureSupported(KeyVaultExtensionVersion.Parse(os, version), image);
            }

            return name;
        }

        private static string StringOf(JsonObject extension, string property)
        {
            var node = extension[property];
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0)
            {
                return text;
            }

            throw Invalid($"An extension entry has no '{property}'; name, publisher and type are required.", extension.ToJsonString());
        }

        private static Exception Invalid(string message, object? target) =>
            RuleErrors.Invalid(RuleErrorIds.InvalidPoolSpec, message, target);
    }
}
