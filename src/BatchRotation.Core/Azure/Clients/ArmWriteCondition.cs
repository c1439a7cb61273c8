using System;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>The precondition of an ARM write: none, create only (<c>If-None-Match: *</c>), or only this ETag (<c>If-Match</c>).</summary>
    public sealed class ArmWriteCondition
    {
        private ArmWriteCondition(string? header, string? value)
        {
            HeaderName = header;
            HeaderValue = value;
        }

        /// <summary>Write unconditionally.</summary>
        public static ArmWriteCondition None { get; } = new ArmWriteCondition(null, null);

        /// <summary>Create only; never overwrite an existing resource.</summary>
        public static ArmWriteCondition CreateOnly { get; } = new ArmWriteCondition("If-None-Match", "*");

        /// <summary>Write only if the resource still has <paramref name="etag"/>.</summary>
        public static ArmWriteCondition IfMatch(string etag) =>
            string.IsNullOrWhiteSpace(etag) ? throw new ArgumentException("An ETag is needed.", nameof(etag)) : new ArmWriteCondition("If-Match", etag);

        public string? HeaderName { get; }

        public string? HeaderValue { get; }

        /// <inheritdoc />
        public override string ToString() => HeaderName == null ? "(none)" : $"{HeaderName}: {HeaderValue}";
    }
}
