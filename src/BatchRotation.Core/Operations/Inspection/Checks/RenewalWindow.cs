using System;
using System.Globalization;
using System.Linq;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// The renewal window of a certificate: the time between its AutoRenew trigger and its expiry. A node that
    /// polls less often than that may miss a renewal and hold an expired certificate.
    /// </summary>
    internal static class RenewalWindow
    {
        public static LifetimeAction? AutoRenewAction(CertificatePolicy? policy) =>
            policy?.LifetimeActions.FirstOrDefault(a => string.Equals(a.ActionType, LifetimeAction.AutoRenew, StringComparison.OrdinalIgnoreCase));

        /// <summary>"80% of lifetime" or "30 days before expiry"; null without AutoRenew.</summary>
        public static string? DescribeTrigger(CertificatePolicy? policy)
        {
            var action = AutoRenewAction(policy);
            if (action == null)
            {
                return null;
            }

            return action.DaysBeforeExpiry is int days ? days.ToString(CultureInfo.InvariantCulture) + " days before expiry"
                : action.LifetimePercentage is int percent ? percent.ToString(CultureInfo.InvariantCulture) + "% of lifetime"
                : "AutoRenew (trigger not stated)";
        }

        /// <summary>The window for the certificate's current version, or null when it cannot be told.</summary>
        public static TimeSpan? Of(CertificateMetadata certificate)
        {
            var action = AutoRenewAction(certificate.Policy);
            if (action == null)
            {
                return null;
            }

            if (action.DaysBeforeExpiry is int days && days > 0)
            {
                return TimeSpan.FromDays(days);
            }

            var notBefore = certificate.Attributes.NotBefore;
            var expires = certificate.Attributes.Expires;
            if (action.LifetimePercentage is int percent && percent > 0 && percent < 100 && notBefore != null && expires != null && expires > notBefore)
            {
                var lifetime = expires.Value - notBefore.Value;
                return TimeSpan.FromTicks((long)(lifetime.Ticks * ((100 - percent) / 100.0)));
            }

            return null;
        }
    }
}
