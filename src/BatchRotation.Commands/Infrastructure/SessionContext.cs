using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Connection;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// The sign-in each runspace uses: the connection Connect-BatchRotation stored, or else Azure.Identity's
    /// default chain (environment, workload identity, managed identity, Azure CLI, Azure PowerShell),
    /// created once per runspace so that its token cache is reused. Runspaces never share a context,
    /// so parallel runspaces (ForEach-Object -Parallel, runbook jobs) cannot see each other's sign-in.
    /// </summary>
    /// <remarks>
    /// Keyed by <see cref="Runspace.DefaultRunspace"/>, which is set on the pipeline thread only: call these
    /// members there (a cmdlet's Begin/Process/End), never from an operation running on the thread pool.
    /// <see cref="BatchRotationCmdlet"/> resolves the context before it starts each operation.
    /// </remarks>
    internal static class SessionContext
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Contexts = new ConditionalWeakTable<Runspace, Holder>();

        /// <summary>The connection stored by Connect-BatchRotation in this runspace, or null.</summary>
        public static BatchRotationConnection? Connection => Current()?.Connection;

        /// <summary>The context stored by Connect-BatchRotation in this runspace, or null.</summary>
        public static BatchRotationContext? Connected => Connection?.Context;

        /// <summary>What the cmdlets of this runspace use: the connected context, else the default chain.</summary>
        public static BatchRotationContext Resolve()
        {
            var runspace = Runspace.DefaultRunspace;
            var holder = runspace == null ? new Holder() : Contexts.GetValue(runspace, _ => new Holder());
            if (holder.Connection is { } connection)
            {
                return connection.Context;
            }

            return holder.Default ??= CredentialFactory.CreateContext(SignInRequest.Default());
        }

        public static void Connect(BatchRotationConnection connection) => HolderForThisRunspace().Connection = connection;

        /// <summary>
        /// Forgets the connection and the cached default chain (so that the next cmdlet finds the chain's
        /// credential afresh, e.g. after <c>az login</c> as someone else); returns the forgotten connection.
        /// </summary>
        public static BatchRotationConnection? Disconnect()
        {
            var holder = Current();
            if (holder is null)
            {
                return null;
            }

            var forgotten = holder.Connection;
            holder.Connection = null;
            holder.Default = null;
            return forgotten;
        }

        private static Holder? Current()
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && Contexts.TryGetValue(runspace, out var holder) ? holder : null;
        }

        private static Holder HolderForThisRunspace()
        {
            var runspace = Runspace.DefaultRunspace
                ?? throw new System.InvalidOperationException("BatchRotation cmdlets run inside a PowerShell runspace.");
            return Contexts.GetValue(runspace, _ => new Holder());
        }

        private sealed class Holder
        {
            public BatchRotationConnection? Connection { get; set; }

            public BatchRotationContext? Default { get; set; }
        }
    }
}
