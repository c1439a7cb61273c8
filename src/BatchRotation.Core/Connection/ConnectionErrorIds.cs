namespace BatchRotation.Core.Connection
{
    /// <summary>The ErrorIds raised by Connect-BatchRotation beyond those of the sign-in itself (<see cref="Azure.AzureErrorIds"/>).</summary>
    public static class ConnectionErrorIds
    {
        /// <summary>The subscription given does not exist in the signed-in tenant and cloud.</summary>
        public const string SubscriptionNotFound = nameof(SubscriptionNotFound);

        /// <summary>Signing in failed in a way Azure.Identity did not classify, and its text had to be redacted.</summary>
        public const string SignInFailed = nameof(SignInFailed);
    }
}
