namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// A Linux 3.0 read grant on a downloaded certificate's files: a user, a group or both
    /// (<c>observedCertificates[].acls[]</c>).
    /// </summary>
    public sealed record LinuxCertificateAcl(string? User, string? Group);
}
