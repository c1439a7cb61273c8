using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Secret permissions to add for a principal with <c>PUT .../vaults/{vault}/accessPolicies/add</c>, which
    /// merges with the existing policies. Never send these through a vault PUT: that replaces every other
    /// principal's policy (FACTS §3).
    /// </summary>
    public sealed record AccessPolicyAddition(string TenantId, string ObjectId, IReadOnlyList<string> SecretPermissions)
    {
        public const string OperationKind = "add";

        public JsonObject ToRequestBody() => new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["accessPolicies"] = new JsonArray(new JsonObject
                {
                    ["tenantId"] = TenantId,
                    ["objectId"] = ObjectId,
                    ["permissions"] = new JsonObject
                    {
                        ["secrets"] = new JsonArray(SecretPermissions.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
                    },
                }),
            },
        };
    }
}
