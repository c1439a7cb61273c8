using System;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Model;

namespace BatchRotation.Core.Connection
{
    /// <summary>A verified sign-in: the context every cmdlet uses, what Get-BatchRotationContext shows, and where its prompts go.</summary>
    public sealed class BatchRotationConnection
    {
        public BatchRotationConnection(BatchRotationContext context, BatchRotationContextInfo info, SignInPrompts prompts)
        {
            Context = context ?? throw new ArgumentNullException(nameof(context));
            Info = info ?? throw new ArgumentNullException(nameof(info));
            Prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
        }

        public BatchRotationContext Context { get; }

        public BatchRotationContextInfo Info { get; }

        /// <summary>Attach each operation's sink here so that a later interactive prompt reaches the user.</summary>
        public SignInPrompts Prompts { get; }

        /// <inheritdoc />
        public override string ToString() => Info.ToString();
    }
}
