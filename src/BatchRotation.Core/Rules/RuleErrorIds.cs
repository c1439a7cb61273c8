namespace BatchRotation.Core.Rules
{
    /// <summary>Stable ErrorIds of the rules layer. They become PowerShell ErrorIds: never rename one.</summary>
    public static class RuleErrorIds
    {
        public const string InvalidCertificateUrl = nameof(InvalidCertificateUrl);
        public const string InvalidResourceId = nameof(InvalidResourceId);
        public const string InvalidPoolName = nameof(InvalidPoolName);
        public const string InvalidBatchAccountName = nameof(InvalidBatchAccountName);
        public const string InvalidResourceGroupName = nameof(InvalidResourceGroupName);
        public const string InvalidKeyVaultName = nameof(InvalidKeyVaultName);
        public const string InvalidImageReference = nameof(InvalidImageReference);
        public const string InvalidNodeAgentSku = nameof(InvalidNodeAgentSku);
        public const string UnknownImageAlias = nameof(UnknownImageAlias);
        public const string UnsupportedExtensionVersion = nameof(UnsupportedExtensionVersion);
        public const string ExtensionVersionNotSupportedOnImage = nameof(ExtensionVersionNotSupportedOnImage);
        public const string ExtensionOptionNotSupported = nameof(ExtensionOptionNotSupported);
        public const string InvalidPollingInterval = nameof(InvalidPollingInterval);
        public const string InvalidCertificateStoreLocation = nameof(InvalidCertificateStoreLocation);
        public const string InvalidCertificateStoreName = nameof(InvalidCertificateStoreName);
        public const string InvalidCertificateAccount = nameof(InvalidCertificateAccount);
        public const string InvalidCertificateAcl = nameof(InvalidCertificateAcl);
        public const string InvalidCustomSymbolicLinkName = nameof(InvalidCustomSymbolicLinkName);
        public const string InvalidMsiClientId = nameof(InvalidMsiClientId);
        public const string NoObservedCertificates = nameof(NoObservedCertificates);
        public const string InvalidExtensionName = nameof(InvalidExtensionName);
        public const string InvalidPoolSpec = nameof(InvalidPoolSpec);
        public const string InvalidAccessModel = nameof(InvalidAccessModel);
    }
}
