using System.Reflection;
using System.Runtime.InteropServices;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>
/// MetadataLoadContexts over assemblies that are read, never run: the built module (its root and
/// dependencies/ folder, with PowerShellStandard's System.Management.Automation) and the test
/// assembly's fixture cmdlets.
/// </summary>
internal static class MetadataContexts
{
    private static readonly Lazy<MetadataLoadContext> s_module = new(() => Create(
        Directory.GetFiles(RepoPaths.ModuleBase, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.ModuleBase, "dependencies"), "*.dll"))
            .Append(Path.Combine(RepoPaths.TestBin, "System.Management.Automation.dll"))));

    private static readonly Lazy<MetadataLoadContext> s_fixtures = new(() => Create(
        Directory.GetFiles(RepoPaths.TestBin, "*.dll")));

    /// <summary>The built module's assemblies (never shared with the test process's own loads).</summary>
    public static MetadataLoadContext Module => s_module.Value;

    public static Assembly CommandsAssembly =>
        Module.LoadFromAssemblyPath(Path.Combine(RepoPaths.ModuleBase, "BatchRotation.Commands.dll"));

    public static Assembly CoreAssembly =>
        Module.LoadFromAssemblyPath(Path.Combine(RepoPaths.ModuleBase, "BatchRotation.Core.dll"));

    /// <summary>The test assembly, for the fixture cmdlets in Fixtures/.</summary>
    public static Assembly FixtureAssembly =>
        s_fixtures.Value.LoadFromAssemblyPath(typeof(MetadataContexts).Assembly.Location);

    public static Assembly FixtureSma =>
        s_fixtures.Value.LoadFromAssemblyPath(Path.Combine(RepoPaths.TestBin, "System.Management.Automation.dll"));

    /// <summary>Simple names of the module's private dependencies (the files in dependencies/).</summary>
    public static IReadOnlySet<string> PrivateDependencyNames { get; } = new HashSet<string>(
        ModuleFileList.Entries.Where(e => e.IsDependency && e.IsAssembly)
            .Select(e => Path.GetFileNameWithoutExtension(e.Path)),
        StringComparer.OrdinalIgnoreCase);

    private static MetadataLoadContext Create(IEnumerable<string> assemblies) =>
        new(new PreferringResolver(assemblies), coreAssemblyName: "System.Private.CoreLib");

    /// <summary>
    /// Resolves a name to the given files first, then to the running runtime's assemblies (which stand
    /// in for netstandard/mscorlib through their type forwards). Unlike PathAssemblyResolver it never
    /// prefers a runtime assembly over the module's own copy because its version is higher, so a type
    /// from a private dependency (System.Memory's Span on .NET Framework, say) is seen as such.
    /// </summary>
    private sealed class PreferringResolver : MetadataAssemblyResolver
    {
        private readonly Dictionary<string, string> _preferred;
        private readonly Dictionary<string, string> _runtime;

        public PreferringResolver(IEnumerable<string> preferred)
        {
            _preferred = ByName(preferred);
            _runtime = ByName(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        }

        public override Assembly? Resolve(MetadataLoadContext context, AssemblyName assemblyName) =>
            _preferred.TryGetValue(assemblyName.Name!, out var path) || _runtime.TryGetValue(assemblyName.Name!, out path)
                ? context.LoadFromAssemblyPath(path)
                : null;

        private static Dictionary<string, string> ByName(IEnumerable<string> files)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                map.TryAdd(Path.GetFileNameWithoutExtension(file), file);
            }

            return map;
        }
    }
}
