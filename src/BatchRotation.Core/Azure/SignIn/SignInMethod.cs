namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>How the user asked to sign in.</summary>
    public enum SignInMethod
    {
        /// <summary>Azure.Identity's default chain: environment, workload identity, managed identity, Azure CLI, Azure PowerShell.</summary>
        Default,

        /// <summary>A managed identity (Azure Automation runbooks, VMs): system-assigned, or user-assigned by client id.</summary>
        ManagedIdentity,

        /// <summary>Interactive sign-in with a device code shown to the user.</summary>
        DeviceCode,

        /// <summary>The client id and secret of an environment file (the local emulator), trusting its certificate for its endpoint only.</summary>
        EnvironmentFile,
    }
}
