namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// One verdict about one item of a pool: a stable <see cref="Id"/> (see <see cref="PoolCheckCatalog"/>), the
    /// <see cref="Status"/>, the item it is about, what was found and what to do.
    /// </summary>
    public sealed class PoolCheck
    {
        public PoolCheck(string id, CheckStatus status, string target, string message, string? remedy = null)
        {
            Id = id;
            Status = status;
            Target = target;
            Message = message;
            Remedy = remedy;
        }

        /// <summary>The pool the check belongs to (its name), for grouping the checks of many reports.</summary>
        public string Pool { get; set; } = string.Empty;

        /// <summary>Stable identifier, e.g. <c>Certificate.Versionless</c>: assert on it, it never changes.</summary>
        public string Id { get; }

        /// <summary>The part of the id before the dot: Pool, Identity, Extension, Certificate, Access, Rotation, Nodes.</summary>
        public string Category => Id.IndexOf('.') > 0 ? Id.Substring(0, Id.IndexOf('.')) : Id;

        public CheckStatus Status { get; }

        /// <summary>The item: the pool id, an identity id, an observed URL, a vault id or a node id.</summary>
        public string Target { get; }

        public string Message { get; }

        /// <summary>What to do, usually the exact command; null when the check passed.</summary>
        public string? Remedy { get; }

        public override string ToString() => $"{Status} {Id} {Target}: {Message}";
    }
}
