using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// The sign-in each runspace uses: the one Connect-BatchRotation stored, or else Azure.Identity's
    /// default chain (environment, workload identity, managed identity, Azure CLI, Azure PowerShell),
    /// created once per runspace so that its token cache is reused. Runspaces never share a context,
    /// so parallel runspaces (ForEach-Object -Parallel, runbook jobs) cannot see each other's sign-in.
    /// </summary>
    internal static class SessionContext
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Contexts = new ConditionalWeakTable<Runspace, Holder>();

        /// <summary>The context stored by Connect-BatchRotation in this runspace, or null.</summary>
        public static BatchRotationContext? Connected => Current()?.Connected;

        /// <summary>What the cmdlets of this runspace use: the connected context, else the default chain.</summary>
        public static BatchRotationContext Resolve()
        {
            var holder = Current() ?? new Holder();
            if (holder.Connected is { } connected)
            {
                return connected;
            }

            return holder.Default ??= CredentialFactory.CreateContext(SignInRequest.Default());
        }

        public static void Connect(BatchRotationContext context) => HolderForThisRunspace().Connected = context;

        /// <summary>Forgets the connected context; returns whether there was one.</summary>
        public static bool Disconnect()
        {
            var holder = Current();
            if (holder?.Connected is null)
            {
                return false;
            }

            holder.Connected = null;
            return true;
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
            public BatchRotationContext? Connected { get; set; }

            public BatchRotationContext? Default { get; set; }
        }
    }
}
