using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Called by PowerShell when the module is imported and removed: installs and removes the
    /// resolver for the private dependencies in <c>dependencies/</c>. Those are never listed in the
    /// manifest's RequiredAssemblies or NestedModules (that would load them into the shared context).
    /// </summary>
    /// <remarks>
    /// Every runspace of the process that imports the module calls <see cref="OnImport"/>, and the resolver is
    /// process-wide: it stays installed until the last import is removed, so that Remove-Module in one runspace
    /// (a -Parallel script block, a runbook job) cannot take it from the others that still use the module.
    /// </remarks>
    public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static PrivateDependencyResolver? s_resolver;
        private static int s_imports;

        public void OnImport()
        {
            lock (Gate)
            {
                s_imports++;
                if (s_resolver is not null)
                {
                    return; // imported in another runspace too, or Import-Module -Force without a removal in between
                }

                string moduleDirectory = Path.GetDirectoryName(typeof(ModuleAssemblyInitializer).Assembly.Location)
                    ?? throw new InvalidOperationException("The BatchRotation module assembly has no location on disk.");
                s_resolver = new PrivateDependencyResolver(moduleDirectory);
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                s_imports = Math.Max(0, s_imports - 1);
                if (s_imports > 0)
                {
                    return; // still imported in another runspace
                }

                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                s_resolver = null;
            }
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args) =>
            s_resolver?.Resolve(new AssemblyName(args.Name), args.RequestingAssembly);
    }
}
