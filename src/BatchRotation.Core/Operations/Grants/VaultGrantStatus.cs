namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>What happened to one vault's grant.</summary>
    public enum VaultGrantStatus
    {
        /// <summary>Access was missing and has been added.</summary>
        Granted,

        /// <summary>The identity could already read the secrets (directly, inherited or through a broader grant); nothing was written.</summary>
        AlreadyPresent,

        /// <summary>Access was missing, but the change was not confirmed (-WhatIf, or -Confirm answered No); nothing was written.</summary>
        Skipped,

        /// <summary>The vault could not be granted; an error says why and nothing was left half-written.</summary>
        Failed,
    }
}
