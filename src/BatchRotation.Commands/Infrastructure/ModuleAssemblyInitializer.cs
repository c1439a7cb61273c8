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
    public sealed class ModuleAssemblyInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static PrivateDependencyResolver? s_resolver;

        public void OnImport()
        {
            lock (Gate)
            {
                if (s_resolver is not null)
                {
                    return; // Import-Module -Force without a removal in between
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
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                s_resolver = null;
            }
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args) =>
            s_resolver?.Resolve(new AssemblyName(args.Name), args.RequestingAssembly);
    }
}
