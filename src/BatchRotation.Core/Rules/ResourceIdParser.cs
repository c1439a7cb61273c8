using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Rules
{
    internal static class ResourceIdParser
    {
        private static readonly Regex NamespacePattern = new Regex(@"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+$", RegexOptions.CultureInvariant);

        public static ResourceId Parse(string? input, ResourceIdExpectation? expectation)
        {
            if (!TryParse(input, out var id, out var problem))
            {
                throw Error(input, problem, expectation);
            }

            if (expectation != null)
            {
                var mismatch = CheckExpectation(id, expectation);
                if (mismatch != null)
                {
                    throw Error(input, mismatch, expectation);
                }
            }

            return id;
        }

        public static bool TryParse(string? input, [NotNullWhen(true)] out ResourceId? id, [NotNullWhen(false)] out string? problem)
        {
            id = null;
            problem = Read(input, out var parsed);
            if (problem != null || parsed == null)
            {
                problem ??= "it could not be read";
                return false;
            }

            id = parsed;
            return true;
        }

        private static string? CheckExpectation(ResourceId id, ResourceIdExpectation expectation)
        {
            if (id.Kind != ResourceScopeKind.Resource)
            {
                return $"it is a {Describe(id.Kind)} scope, not a resource";
            }

            if (!id.IsOfType(expectation.ResourceType))
            {
                return $"it is a {id.ResourceType} resource";
            }

            if (expectation.RequireResourceGroup && id.ResourceGroupName == null)
            {
                return "it names no resource group";
            }

            if (ProviderBlockCount(id.Value) != 1)
            {
                return "it is an extension resource of another resource";
            }

            return null;
        }

        private static int ProviderBlockCount(string value)
        {
            var count = 0;
            foreach (var segment in value.Split('/'))
            {
                if (string.Equals(segment, "providers", StringComparison.OrdinalIgnoreCase))
                {
                    count++;
                }
            }

            return count;
        }

        private static Exception Error(string? input, string? problem, ResourceIdExpectation? expectation)
        {
            var what = expectation == null ? "an Azure resource id" : $"a {expectation.ResourceType} resource id";
            var message = $"'{input}' is not {what}: {problem}.";
            if (expectation != null)
            {
                message += $" Expected {expectation.Shape}.";
            }

            return RuleErrors.Invalid(
                RuleErrorIds.InvalidResourceId,
                message,
                input,
                "Copy the id from the portal (the resource's JSON View) or from 'az resource show --query id'.");
        }

        private static string? Read(string? input, out ResourceId? id)
        {
            id = null;
            if (input == null || input.Trim().Length == 0)
            {
                return "it is empty";
            }

            var text = input.Trim();
            if (text[0] != '/')
            {
                return "it must start with '/'";
            }

            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '?' || c == '#' || c == '\\')
                {
                    return "it contains white space, '?', '#' or '\\'";
                }
            }

            var body = text.Substring(1);
            if (body.EndsWith("/", StringComparison.Ordinal))
            {
                body = body.Substring(0, body.Length - 1);
            }

            var segments = body.Length == 0 ? Array.Empty<string>() : body.Split('/');
            foreach (var segment in segments)
            {
                if (segment.Length == 0)
                {
                    return "it contains an empty segment ('//')";
                }
            }

            var kind = ResourceScopeKind.Tenant;
            string? managementGroup = null, subscription = null, resourceGroup = null;
            var i = 0;
            if (segments.Length > 0 && Is(segments[0], "subscriptions"))
            {
                if (segments.Length < 2)
                {
                    return "'subscriptions' is not followed by a subscription id";
                }

                subscription = segments[1];
                kind = ResourceScopeKind.Subscription;
                i = 2;
                if (i < segments.Length && Is(segments[i], "resourceGroups"))
                {
                    if (i + 1 >= segments.Length)
                    {
                        return "'resourceGroups' is not followed by a resource group name";
                    }

                    resourceGroup = segments[i + 1];
                    kind = ResourceScopeKind.ResourceGroup;
                    i += 2;
                }
            }
            else if (segments.Length >= 3 && Is(segments[0], "providers") && Is(segments[1], "Microsoft.Management") && Is(segments[2], "managementGroups"))
            {
                if (segments.Length < 4)
                {
                    return "'managementGroups' is not followed by a management group name";
                }

                managementGroup = segments[3];
                kind = ResourceScopeKind.ManagementGroup;
                i = 4;
            }
            else if (segments.Length > 0 && !Is(segments[0], "providers"))
            {
                return $"it must start with /subscriptions/, /providers/ or be '/', not '/{segments[0]}'";
            }

            string? providerNamespace = null;
            var types = new List<ResourceTypeAndName>();
            while (i < segments.Length)
            {
                if (!Is(segments[i], "providers"))
                {
                    return $"'{segments[i]}' appears where 'providers' was expected";
                }

                if (i + 1 >= segments.Length || !NamespacePattern.IsMatch(segments[i + 1]))
                {
                    return "'providers' is not followed by a provider namespace such as Microsoft.Batch";
                }

                providerNamespace = segments[i + 1];
                types = new List<ResourceTypeAndName>();
                i += 2;
                while (i < segments.Length && !(types.Count > 0 && Is(segments[i], "providers")))
                {
                    if (i + 1 >= segments.Length)
                    {
                        return $"the resource type '{segments[i]}' has no name after it";
                    }

                    types.Add(new ResourceTypeAndName(segments[i], segments[i + 1]));
                    i += 2;
                }

                if (types.Count == 0)
                {
                    return $"the provider '{providerNamespace}' is not followed by a resource type and name";
                }

                kind = ResourceScopeKind.Resource;
            }

            id = new ResourceId(segments, kind, managementGroup, subscription, resourceGroup, providerNamespace, types);
            return null;
        }

        private static bool Is(string segment, string keyword) =>
            string.Equals(segment, keyword, StringComparison.OrdinalIgnoreCase);

        private static string Describe(ResourceScopeKind kind) => kind switch
        {
            ResourceScopeKind.Tenant => "tenant root",
            ResourceScopeKind.ManagementGroup => "management group",
            ResourceScopeKind.Subscription => "subscription",
            ResourceScopeKind.ResourceGroup => "resource group",
            _ => "resource",
        };
    }
}
