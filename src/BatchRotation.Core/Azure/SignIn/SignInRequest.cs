using System;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>What the user asked for when signing in (Connect-BatchRotation's parameters). Immutable.</summary>
    public sealed class SignInRequest
    {
        /// <summary>How to sign in.</summary>
        public SignInMethod Method { get; init; } = SignInMethod.Default;

        /// <summary>A built-in cloud by name (default <c>AzureCloud</c>). Not allowed with an environment file, which defines its own cloud.</summary>
        public string? CloudName { get; init; }

        /// <summary>The Entra tenant (GUID or domain). Optional except that device code uses <c>organizations</c> without it.</summary>
        public string? TenantId { get; init; }

        /// <summary>The default subscription. With an environment file, overrides the file's.</summary>
        public string? SubscriptionId { get; init; }

        /// <summary>The client id of a user-assigned managed identity (managed identity and default chain).</summary>
        public string? ManagedIdentityClientId { get; init; }

        /// <summary>The public client application used for device code sign-in (default: Azure.Identity's).</summary>
        public string? DeviceCodeClientId { get; init; }

        /// <summary>Shows the device code instructions to the user (required for device code).</summary>
        public Action<string>? DeviceCodePrompt { get; init; }

        /// <summary>The path of <c>emulator.env.json</c> (environment file sign-in).</summary>
        public string? EnvironmentFilePath { get; init; }

        public static SignInRequest Default(string? cloudName = null, string? tenantId = null, string? subscriptionId = null) =>
            new SignInRequest { Method = SignInMethod.Default, CloudName = cloudName, TenantId = tenantId, SubscriptionId = subscriptionId };

        public static SignInRequest ManagedIdentity(string? clientId = null, string? cloudName = null, string? subscriptionId = null) =>
            new SignInRequest { Method = SignInMethod.ManagedIdentity, ManagedIdentityClientId = clientId, CloudName = cloudName, SubscriptionId = subscriptionId };

        public static SignInRequest DeviceCode(Action<string> prompt, string? tenantId = null, string? cloudName = null, string? subscriptionId = null) =>
            new SignInRequest { Method = SignInMethod.DeviceCode, DeviceCodePrompt = prompt, TenantId = tenantId, CloudName = cloudName, SubscriptionId = subscriptionId };

        public static SignInRequest EnvironmentFile(string path, string? subscriptionId = null) =>
            new SignInRequest { Method = SignInMethod.EnvironmentFile, EnvironmentFilePath = path, SubscriptionId = subscriptionId };

        /// <inheritdoc />
        public override string ToString() => Method switch
        {
            SignInMethod.EnvironmentFile => $"EnvironmentFile {EnvironmentFilePath}",
            SignInMethod.ManagedIdentity => $"ManagedIdentity {ManagedIdentityClientId ?? "(system-assigned)"} in {CloudName ?? "AzureCloud"}",
            _ => $"{Method} in {CloudName ?? "AzureCloud"}" + (TenantId == null ? string.Empty : $" tenant {TenantId}"),
        };
    }
}
