using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// A vault's access-policy entries: validation against the permission names of the OpenAPI enums (case
/// insensitive, stored in the enum's spelling) and the add / replace / remove merges of
/// <c>PUT .../accessPolicies/{operationKind}</c>.
/// </summary>
public static class AccessPolicies
{
    public const int MaxEntries = 1024;

    public static readonly IReadOnlyDictionary<string, string[]> Permissions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["keys"] =
        [
            "all", "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import",
            "delete", "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
        ],
        ["secrets"] = ["all", "get", "list", "set", "delete", "backup", "restore", "recover", "purge"],
        ["certificates"] =
        [
            "all", "get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers",
            "setissuers", "deleteissuers", "manageissuers", "recover", "purge", "backup", "restore",
        ],
        ["storage"] =
        [
            "all", "get", "list", "delete", "set", "update", "regeneratekey", "recover", "purge", "backup", "restore",
            "setsas", "listsas", "getsas", "deletesas",
        ],
    };

    private static ArmException InvalidAccessPolicies() =>
        new(400, "BadRequest", "An invalid value was provided for 'accessPolicies'.");

    private static ArmException InvalidValue(int index, string field, string? value) =>
        new(400, "BadRequest", $"Invalid value found at accessPolicies[{index}].{field}: {value}");

    /// <summary>Validates a request's entries and returns them in canonical form (enum spelling, categories in the spec's order).</summary>
    public static List<JsonObject> Parse(JsonArray entries, string vaultTenantId, string path)
    {
        if (entries.Count > MaxEntries) throw InvalidAccessPolicies();
        var result = new List<JsonObject>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry)
                throw ArmException.InvalidRequestContent($"Unexpected character encountered while parsing value. Path '{path}[{i}]'");
            var tenantId = ArmJson.String(entry, "tenantId", $"{path}[{i}].tenantId");
            var objectId = ArmJson.String(entry, "objectId", $"{path}[{i}].objectId");
            var applicationId = ArmJson.String(entry, "applicationId", $"{path}[{i}].applicationId");
            if (tenantId is null || !Guid.TryParse(tenantId, out _) || !tenantId.Equals(vaultTenantId, StringComparison.OrdinalIgnoreCase))
                throw InvalidValue(i, "TenantId", tenantId);
            if (objectId is null || !Guid.TryParse(objectId, out _)) throw InvalidValue(i, "ObjectId", objectId);
            if (applicationId is not null && !Guid.TryParse(applicationId, out _)) throw InvalidValue(i, "ApplicationId", applicationId);
            var permissions = ArmJson.Object(entry, "permissions", $"{path}[{i}].permissions") ?? throw InvalidAccessPolicies();
            var canonical = new JsonObject();
            foreach (var (category, allowed) in Permissions)
            {
                var values = ArmJson.StringArray(permissions, category, $"{path}[{i}].permissions.{category}");
                if (values is null) continue;
                var names = new JsonArray();
                foreach (var value in values)
                {
                    var name = allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase) && value.Trim() == value)
                        ?? throw InvalidAccessPolicies();
                    if (!names.Any(n => (string)n! == name)) names.Add(name);
                }
                canonical[category] = names;
            }
            foreach (var (key, _) in permissions)
            {
                if (!Permissions.ContainsKey(key)) throw InvalidAccessPolicies();
            }
            var normalized = new JsonObject { ["tenantId"] = tenantId, ["objectId"] = objectId };
            if (applicationId is not null) normalized["applicationId"] = applicationId;
            normalized["permissions"] = canonical;
            result.Add(normalized);
        }
        return result;
    }

    /// <summary>The vault's entry for the same identity (tenant, object and application id), if any.</summary>
    public static JsonObject? FindSame(JsonArray policies, JsonObject entry) =>
        policies.OfType<JsonObject>().FirstOrDefault(p =>
            string.Equals((string?)p["tenantId"], (string?)entry["tenantId"], StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)p["objectId"], (string?)entry["objectId"], StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)p["applicationId"], (string?)entry["applicationId"], StringComparison.OrdinalIgnoreCase));

    /// <summary><c>add</c>: unions the permissions into the identity's entry, or appends a new entry. Other entries are untouched.</summary>
    public static void Add(JsonArray policies, JsonObject entry)
    {
        if (FindSame(policies, entry) is not { } existing)
        {
            policies.Add(entry.DeepClone());
            return;
        }
        var current = existing["permissions"] as JsonObject ?? new JsonObject();
        var incoming = entry["permissions"]!.AsObject();
        var merged = new JsonObject();
        foreach (var category in Permissions.Keys)
        {
            var names = Names(current, category);
            foreach (var name in Names(incoming, category))
            {
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
            }
            if (current.ContainsKey(category) || incoming.ContainsKey(category)) merged[category] = Array(names);
        }
        existing["permissions"] = merged;
    }

    /// <summary><c>replace</c>: the identity's entry gets exactly the sent permissions (appended when absent).</summary>
    public static void Replace(JsonArray policies, JsonObject entry)
    {
        if (FindSame(policies, entry) is { } existing) existing["permissions"] = entry["permissions"]!.DeepClone();
        else policies.Add(entry.DeepClone());
    }

    /// <summary><c>remove</c>: takes the sent permissions out of the identity's entry; an entry left with none goes.</summary>
    public static void Remove(JsonArray policies, JsonObject entry)
    {
        if (FindSame(policies, entry) is not { } existing) return;
        var current = existing["permissions"] as JsonObject ?? new JsonObject();
        var removing = entry["permissions"]!.AsObject();
        var remaining = new JsonObject();
        var any = false;
        foreach (var category in Permissions.Keys)
        {
            if (!current.ContainsKey(category)) continue;
            var drop = Names(removing, category);
            var names = Names(current, category).Where(n => !drop.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            remaining[category] = Array(names);
            any |= names.Count > 0;
        }
        if (any) existing["permissions"] = remaining;
        else policies.Remove(existing);
    }

    private static List<string> Names(JsonObject permissions, string category) =>
        permissions[category] is JsonArray array ? array.Select(n => (string)n!).ToList() : [];

    private static JsonArray Array(IEnumerable<string> names) => new(names.Select(n => (JsonNode)n).ToArray());
}
