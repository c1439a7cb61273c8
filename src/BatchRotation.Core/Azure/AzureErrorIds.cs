namespace BatchRotation.Core.Azure
{
    /// <summary>The ErrorIds raised by the Azure layer (sign-in, transport, service calls).</summary>
    public static class AzureErrorIds
    {
        // Sign-in and environment file
        public const string EnvironmentFileNotFound = nameof(EnvironmentFileNotFound);
        public const string EnvironmentFileInvalid = nameof(EnvironmentFileInvalid);
        public const string InsecureEndpoint = nameof(InsecureEndpoint);
        public const string UnknownCloud = nameof(UnknownCloud);
        public const string InvalidCloudDefinition = nameof(InvalidCloudDefinition);
        public const string TrustedCertificateNotFound = nameof(TrustedCertificateNotFound);
        public const string TrustedCertificateInvalid = nameof(TrustedCertificateInvalid);
        public const string SignInRequestInvalid = nameof(SignInRequestInvalid);
        public const string CredentialUnavailable = nameof(CredentialUnavailable);
        public const string AuthenticationFailed = nameof(AuthenticationFailed);

        // Arguments given to the clients
        public const string InvalidResourceId = nameof(InvalidResourceId);
        public const string InvalidName = nameof(InvalidName);

        // Service answers
        public const string AzureBadRequest = nameof(AzureBadRequest);
        public const string AzureAuthenticationFailed = nameof(AzureAuthenticationFailed);
        public const string AzurePermissionDenied = nameof(AzurePermissionDenied);
        public const string AzureResourceNotFound = nameof(AzureResourceNotFound);
        public const string AzureResourceExists = nameof(AzureResourceExists);
        public const string AzureConflict = nameof(AzureConflict);
        public const string AzurePreconditionFailed = nameof(AzurePreconditionFailed);
        public const string AzureThrottled = nameof(AzureThrottled);
        public const string AzureTimeout = nameof(AzureTimeout);
        public const string AzureServiceUnavailable = nameof(AzureServiceUnavailable);
        public const string AzureRequestFailed = nameof(AzureRequestFailed);
        public const string AzureResponseInvalid = nameof(AzureResponseInvalid);
        public const string AzureOperationFailed = nameof(AzureOperationFailed);
        public const string AzureOperationTimedOut = nameof(AzureOperationTimedOut);
        public const string UntrustedEndpoint = nameof(UntrustedEndpoint);

        // Transport
        public const string AzureConnectionFailed = nameof(AzureConnectionFailed);
        public const string TlsCertificateRejected = nameof(TlsCertificateRejected);
    }
}
