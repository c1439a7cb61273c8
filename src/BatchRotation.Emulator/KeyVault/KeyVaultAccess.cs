using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>Who calls the data plane: from the bearer token (HTTP) or from a node's managed identity (extension).</summary>
public sealed record KeyVaultCaller(string PrincipalId, string TenantId, string ClientId)
{
    public static KeyVaultCaller From(Caller caller) => new(caller.PrincipalId, caller.TenantId, caller.ClientId);

    /// <summary>The <c>iss</c> claim of the caller's v1 token.</summary>
    public string Issuer => $"https://sts.windows.net/{TenantId}/";

    /// <summary>How Key Vault names the caller in its error messages.</summary>
    public string Describe() => $"appid={ClientId};oid={PrincipalId};iss={Issuer}";
}

/// <summary>
/// One data-plane permission: the access-policy permission (category + name, e.g. <c>secrets get</c>) and
/// the RBAC data action that stand for the same operation.
/// </summary>
public sealed record KeyVaultPermission(string Category, string Name, string DataAction)
{
    public static readonly KeyVaultPermission SecretsGet = new("secrets", "get", "Microsoft.KeyVault/vaults/secrets/getSecret/action");
    public static readonly KeyVaultPermission SecretsList = new("secrets", "list", "Microsoft.KeyVault/vaults/secrets/readMetadata/action");
    public static readonly KeyVaultPermission SecretsSet = new("secrets", "set", "Microsoft.KeyVault/vaults/secrets/setSecret/action");
    public static readonly KeyVaultPermission SecretsDelete = new("secrets", "delete", "Microsoft.KeyVault/vaults/secrets/delete");
    public static readonly KeyVaultPermission SecretsRecover = new("secrets", "recover", "Microsoft.KeyVault/vaults/deletedSecrets/recover/action");
    public static readonly KeyVaultPermission SecretsPurge = new("secrets", "purge", "Microsoft.KeyVault/vaults/deletedSecrets/delete");
    public static readonly KeyVaultPermission SecretsReadDeleted = new("secrets", "list", "Microsoft.KeyVault/vaults/deletedSecrets/read");

    public static readonly KeyVaultPermission CertificatesGet = new("certificates", "get", "Microsoft.KeyVault/vaults/certificates/read");
    public static readonly KeyVaultPermission CertificatesList = new("certificates", "list", "Microsoft.KeyVault/vaults/certificates/read");
    public static readonly KeyVaultPermission CertificatesCreate = new("certificates", "create", "Microsoft.KeyVault/vaults/certificates/create/action");
    public static readonly KeyVaultPermission CertificatesImport = new("certificates", "import", "Microsoft.KeyVault/vaults/certificates/import/action");
    public static readonly KeyVaultPermission CertificatesUpdate = new("certificates", "update", "Microsoft.KeyVault/vaults/certificates/update/action");
    public static readonly KeyVaultPermission CertificatesDelete = new("certificates", "delete", "Microsoft.KeyVault/vaults/certificates/delete");
    public static readonly KeyVaultPermission CertificatesRecover = new("certificates", "recover", "Microsoft.KeyVault/vaults/deletedCertificates/recover/action");
    public static readonly KeyVaultPermission CertificatesPurge = new("certificates", "purge", "Microsoft.KeyVault/vaults/deletedCertificates/delete");
    public static readonly KeyVaultPermission CertificatesReadDeleted = new("certificates", "list", "Microsoft.KeyVault/vaults/deletedCertificates/read");

    public static readonly KeyVaultPermission KeysGet = new("keys", "get", "Microsoft.KeyVault/vaults/keys/read");
    public static readonly KeyVaultPermission KeysList = new("keys", "list", "Microsoft.KeyVault/vaults/keys/read");
    public static readonly KeyVaultPermission KeysCreate = new("keys", "create", "Microsoft.KeyVault/vaults/keys/create/action");
    public static readonly KeyVaultPermission KeysUpdate = new("keys", "update", "Microsoft.KeyVault/vaults/keys/update/action");
    public static readonly KeyVaultPermission KeysDelete = new("keys", "delete", "Microsoft.KeyVault/vaults/keys/delete");
    public static readonly KeyVaultPermission KeysRecover = new("keys", "recover", "Microsoft.KeyVault/vaults/deletedKeys/recover/action");
    public static readonly KeyVaultPermission KeysPurge = new("keys", "purge", "Microsoft.KeyVault/vaults/deletedKeys/delete");
    public static readonly KeyVaultPermission KeysReadDeleted = new("keys", "list", "Microsoft.KeyVault/vaults/deletedKeys/read");
    public static readonly KeyVaultPermission KeysWrap = new("keys", "wrapKey", "Microsoft.KeyVault/vaults/keys/wrap/action");
    public static readonly KeyVaultPermission KeysUnwrap = new("keys", "unwrapKey", "Microsoft.KeyVault/vaults/keys/unwrap/action");
    public static readonly KeyVaultPermission KeysEncrypt = new("keys", "encrypt", "Microsoft.KeyVault/vaults/keys/encrypt/action");
    public static readonly KeyVaultPermission KeysDecrypt = new("keys", "decrypt", "Microsoft.KeyVault/vaults/keys/decrypt/action");
}

/// <summary>A data-plane request refused or failed, in Key Vault's error envelope.</summary>
public sealed record KeyVaultFailure(int Status, string Code, string Message, string? InnerCode = null, string? WwwAuthenticate = null)
{
    public IResult ToResult(HttpContext context)
    {
        if (WwwAuthenticate is not null) context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
        return KeyVaultErrors.Result(Status, Code, Message, InnerCode);
    }

    public static KeyVaultFailure BadParameter(string message) => new(400, "BadParameter", message);
}

/// <summary>
/// Key Vault's authorization of one data-plane operation, shared by the HTTP endpoints and the VM
/// extension model: the caller's tenant must be the vault's; then either the caller's access-policy
/// entry (access-policy model) or a role assignment with the operation's data action at the object,
/// the vault or any parent scope (RBAC model). Management roles (Owner, Contributor) grant nothing here.
/// </summary>
public static class KeyVaultAccess
{
    public const string AccessPolicyHelpLink = "https://go.microsoft.com/fwlink/?linkid=2125287";

    /// <summary>
    /// Null when allowed; otherwise Key Vault's answer. <paramref name="objectName"/> is the certificate,
    /// secret or key the operation is on (null for list operations on the whole vault).
    /// </summary>
    public static KeyVaultFailure? Authorize(EmulatorState state, KeyVaultVault vault, KeyVaultCaller caller, KeyVaultPermission permission, string? objectName, string authorityBase)
    {
        if (!string.Equals(caller.TenantId, vault.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return new KeyVaultFailure(401, "Unauthorized",
                $"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{vault.TenantId}/, found {caller.Issuer}.",
                WwwAuthenticate: $"Bearer authorization=\"{authorityBase.TrimEnd('/')}/{vault.TenantId}\", resource=\"{Audiences.KeyVault}\"");
        }
        return vault.Rbac
            ? AuthorizeByRbac(state, vault, caller, permission, objectName)
            : AuthorizeByAccessPolicy(vault, caller, permission);
    }

    /// <summary>The scope a data action is evaluated at: the object (so that object-scope assignments count) or the vault.</summary>
    public static string Scope(KeyVaultVault vault, KeyVaultPermission permission, string? objectName) =>
        objectName is null ? vault.Id : $"{vault.Id}/{permission.Category}/{objectName}";

    private static KeyVaultFailure? AuthorizeByRbac(EmulatorState state, KeyVaultVault vault, KeyVaultCaller caller, KeyVaultPermission permission, string? objectName)
    {
        var scope = Scope(vault, permission, objectName);
        if (AuthorizationEngine.HasDataAction(state, caller.PrincipalId, scope, permission.DataAction)) return null;
        return new KeyVaultFailure(403, "Forbidden",
            "Caller is not authorized to perform action on resource.\r\n"
            + "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
            + $"Caller: {caller.Describe()}\r\n"
            + $"Action: '{permission.DataAction}'\r\n"
            + $"Resource: '{scope.ToLowerInvariant()}'\r\n"
            + "Assignment: (not found)\r\n"
            + "DenyAssignmentId: null\r\n"
            + "DecisionReason: 'DeniedWithNoValidRBAC' \r\n"
            + $"Vault: {vault.Name};location={vault.Location}\r\n",
            "ForbiddenByRbac");
    }

    private static KeyVaultFailure? AuthorizeByAccessPolicy(KeyVaultVault vault, KeyVaultCaller caller, KeyVaultPermission permission)
    {
        foreach (var entry in vault.AccessPolicies.OfType<JsonObject>())
        {
            if (!string.Equals((string?)entry["objectId"], caller.PrincipalId, StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.Equals((string?)entry["tenantId"], caller.TenantId, StringComparison.OrdinalIgnoreCase)) continue;
            // A compound entry (objectId + applicationId) applies only to that application acting for the object.
            if ((string?)entry["applicationId"] is { Length: > 0 } applicationId
                && !string.Equals(applicationId, caller.ClientId, StringComparison.OrdinalIgnoreCase)) continue;
            if (entry["permissions"]?[permission.Category] is not JsonArray granted) continue;
            foreach (var item in granted)
            {
                var name = item is JsonValue value && value.TryGetValue(out string? s) ? s : null;
                if (name is null) continue;
                if (name.Equals(permission.Name, StringComparison.OrdinalIgnoreCase) || name.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
            }
        }
        return new KeyVaultFailure(403, "Forbidden",
            $"The user, group or application '{caller.Describe()}' does not have {permission.Category} {permission.Name} permission on key vault '{vault.Name};location={vault.Location}'. For help resolving this issue, please see {AccessPolicyHelpLink}",
            "AccessDenied");
    }
}
