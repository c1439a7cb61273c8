using System;
using System.Collections.Generic;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>Builds a pool's report from its gathered facts: every check, pure, no I/O.</summary>
    public static class PoolReportBuilder
    {
        public static PoolCertificateReport Build(PoolFacts facts, InspectionOptions options, DateTimeOffset now)
        {
            if (facts == null) throw new ArgumentNullException(nameof(facts));
            if (options == null) throw new ArgumentNullException(nameof(options));

            var pool = facts.View;
            var checks = new CheckCollector(pool.Name);
            PoolChecks.Evaluate(facts, checks);
            var extension = ExtensionChecks.Evaluate(facts, checks);

            var certificates = new List<CertificateStatus>();
            foreach (var observed in facts.Certificates)
            {
                var status = CertificateChecks.Evaluate(pool, observed, now, options.ExpiryWarning, checks);
                AccessChecks.SecretReadable(facts, observed, status, checks);
                RotationChecks.PollingInterval(facts, extension, observed, checks);
                certificates.Add(status);
            }

            AccessChecks.LeastPrivilege(facts, checks);
            var nodes = NodeChecks.Evaluate(facts, extension, checks);

            return new PoolCertificateReport
            {
                PoolResourceId = pool.PoolResourceId,
                SubscriptionId = pool.SubscriptionId,
                ResourceGroupName = pool.ResourceGroupName,
                AccountName = pool.AccountName,
                Name = pool.Name,
                Os = pool.Os?.ToString(),
                ExtensionType = pool.ExtensionType,
                ExtensionVersion = pool.ExtensionVersion,
                IdentityResourceId = pool.IdentityResourceId,
                IdentityClientId = pool.IdentityClientId,
                IdentityPrincipalId = pool.IdentityPrincipalId ?? AccessChecks.PrincipalOf(facts),
                CertificateUrl = pool.CertificateUrl,
                Checks = checks.ToArray(),
                Certificates = certificates.ToArray(),
                Nodes = nodes,
                TestedAt = now,
            };
        }
    }
}
