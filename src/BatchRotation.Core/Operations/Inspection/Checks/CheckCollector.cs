using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>Collects the checks of one pool, each stamped with the pool's name.</summary>
    internal sealed class CheckCollector
    {
        private readonly List<PoolCheck> _checks = new List<PoolCheck>();
        private readonly string _pool;

        public CheckCollector(string pool)
        {
            _pool = pool;
        }

        public void Pass(string id, string target, string message) => Add(id, CheckStatus.Passed, target, message, null);

        public void Warn(string id, string target, string message, string? remedy) => Add(id, CheckStatus.Warning, target, message, remedy);

        public void Fail(string id, string target, string message, string? remedy) => Add(id, CheckStatus.Failed, target, message, remedy);

        public void Skip(string id, string target, string reason, string? remedy = null) => Add(id, CheckStatus.Skipped, target, reason, remedy);

        public void Add(string id, CheckStatus status, string target, string message, string? remedy) =>
            _checks.Add(new PoolCheck(id, status, target, message, status == CheckStatus.Passed ? null : remedy ?? PoolCheckCatalog.Find(id)?.Remedy) { Pool = _pool });

        /// <summary>Skips every listed check for one target with the same reason.</summary>
        public void SkipAll(IEnumerable<string> ids, string target, string reason)
        {
            foreach (var id in ids)
            {
                Skip(id, target, reason);
            }
        }

        /// <summary>The checks in catalog order; checks of one id keep the order they were added in.</summary>
        public PoolCheck[] ToArray() =>
            _checks.Select((check, index) => (check, index))
                .OrderBy(x => PoolCheckCatalog.Order(x.check.Id))
                .ThenBy(x => x.index)
                .Select(x => x.check)
                .ToArray();
    }
}
