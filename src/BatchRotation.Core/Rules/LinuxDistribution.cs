namespace BatchRotation.Core.Rules
{
    public enum LinuxDistribution
    {
        Other,
        Ubuntu,
        AzureLinux,
    }
}
