using System;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// Rotation timing: nodes learn of a renewal at most one polling interval after it, and the previous version
    /// stays valid only for the renewal window. The interval must be well inside that window.
    /// </summary>
    internal static class RotationChecks
    {
        public static void PollingInterval(PoolFacts facts, ExtensionReading? extension, ObservedCertificateFact fact, CheckCollector checks)
        {
            var target = fact.Url;
            var seconds = extension?.PollingSeconds();
            if (seconds == null)
            {
                checks.Skip(PoolCheckIds.RotationPollingInterval, target, $"The polling interval cannot be read (see {PoolCheckIds.ExtensionPollingInterval}).");
                return;
            }

            var certificate = fact.Certificate?.Value;
            if (certificate == null)
            {
                checks.Skip(PoolCheckIds.RotationPollingInterval, target, $"The certificate could not be read (see {PoolCheckIds.CertificateExists}).");
                return;
            }

            if (RenewalWindow.AutoRenewAction(certificate.Policy) == null)
            {
                checks.Skip(PoolCheckIds.RotationPollingInterval, target, $"The certificate is never renewed automatically (see {PoolCheckIds.CertificateAutoRenew}), so there is no renewal to follow.");
                return;
            }

            var window = RenewalWindow.Of(certificate);
            if (window == null)
            {
                checks.Skip(PoolCheckIds.RotationPollingInterval, target, "The AutoRenew trigger or the certificate's validity is not stated, so the renewal window cannot be told.");
                return;
            }

            var interval = TimeSpan.FromSeconds(seconds.Value);
            var timing = $"Nodes poll every {Durations.Describe(interval)}; AutoRenew ({RenewalWindow.DescribeTrigger(certificate.Policy)}) leaves {Durations.Describe(window.Value)} before the old version expires.";
            var remedy = $"Poll more often or renew earlier: {Remedies.RecreatePool(facts.View)} -PollingInterval <shorter interval>";
            if (interval >= window.Value)
            {
                checks.Fail(PoolCheckIds.RotationPollingInterval, target, timing + " A node may miss the renewal and hold an expired certificate.", remedy);
            }
            else if (interval.Ticks > window.Value.Ticks / 2)
            {
                checks.Warn(PoolCheckIds.RotationPollingInterval, target, timing + " One missed poll (a node rebooting) could leave a node with an expired certificate.", remedy);
            }
            else
            {
                checks.Pass(PoolCheckIds.RotationPollingInterval, target, timing);
            }
        }
    }
}
