using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Resolves the module's private dependencies (the assemblies in <c>dependencies/</c> beside the
    /// Commands assembly) and nothing else. Each is loaded with <see cref="Assembly.LoadFile(string)"/>:
    /// on .NET (PowerShell 7) that puts it in an isolated load context of its own, on .NET Framework
    /// (Windows PowerShell 5.1) in the LoadFile context; in both cases never in the context where
    /// Az.Accounts or another module loads its own Azure.Core, Azure.Identity or MSAL.
    /// </summary>
    internal sealed class PrivateDependencyResolver
    {
        public const string DependencyFolderName = "dependencies";

        private readonly string _moduleDirectory;
        private readonly string _dependencyDirectory;
        private readonly object _gate = new object();
        private Dictionary<string, AssemblyName>? _available;
        private readonly Dictionary<string, Assembly> _loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        public PrivateDependencyResolver(string moduleDirectory)
        {
            _moduleDirectory = Path.GetFullPath(moduleDirectory);
            _dependencyDirectory = Path.Combine(_moduleDirectory, DependencyFolderName);
        }

        /// <summary>
        /// The assembly for <paramref name="requested"/> from <c>dependencies/</c>, or null when the
        /// request is not ours to answer: the name is not one of our files, its public key token
        /// differs, our file is older than the version asked for, or another module's assembly asked.
        /// </summary>
        /// <remarks>
        /// Our file is accepted for any requested version up to its own. That stands in for the binding
        /// redirects .NET Framework would need: the System.* packages we ship reference each other at
        /// several versions (System.Memory asks for System.Runtime.CompilerServices.Unsafe 4.0.4.1, the
        /// one we ship is newer).
        /// </remarks>
        public Assembly? Resolve(AssemblyName requested, Assembly? requestingAssembly)
        {
            if (requested.Name is null || (requestingAssembly is not null && !IsOurs(requestingAssembly)))
            {
                return null;
            }

            lock (_gate)
            {
                if (_loaded.TryGetValue(requested.Name, out Assembly? loaded))
                {
                    return Satisfies(loaded.GetName(), requested) ? loaded : null;
                }

                if (!Available().TryGetValue(requested.Name, out AssemblyName? ours) || !Satisfies(ours, requested))
                {
                    return null;
                }

                // One instance per name, whatever the runtime's own LoadFile cache does.
                loaded = Assembly.LoadFile(Path.Combine(_dependencyDirectory, requested.Name + ".dll"));
                _loaded.Add(requested.Name, loaded);
                return loaded;
            }
        }

        /// <summary>True for the module's own assemblies and the private dependencies (by location).</summary>
        internal bool IsOurs(Assembly assembly)
        {
            string location;
            try
            {
                location = assembly.Location;
            }
            catch (NotSupportedException)
            {
                return false; // dynamic assemblies
            }

            if (string.IsNullOrEmpty(location))
            {
                return false;
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(location)) ?? string.Empty;
            return SamePath(directory, _moduleDirectory) || SamePath(directory, _dependencyDirectory);
        }

        private static bool Satisfies(AssemblyName ours, AssemblyName requested)
        {
            if (requested.Version is not null && ours.Version is not null && ours.Version < requested.Version)
            {
                return false;
            }

            byte[]? wanted = requested.GetPublicKeyToken();
            if (wanted is null || wanted.Length == 0)
            {
                return true;
            }

            byte[]? have = ours.GetPublicKeyToken();
            if (have is null || have.Length != wanted.Length)
            {
                return false;
            }

            for (int i = 0; i < have.Length; i++)
            {
                if (have[i] != wanted[i])
                {
                    return false;
                }
            }

            return true;
        }

        private Dictionary<string, AssemblyName> Available()
        {
            if (_available is null)
            {
                _available = new Dictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);
                if (Directory.Exists(_dependencyDirectory))
                {
                    foreach (string file in Directory.GetFiles(_dependencyDirectory, "*.dll"))
                    {
                        AssemblyName name = AssemblyName.GetAssemblyName(file);
                        if (name.Name is not null
                            && string.Equals(name.Name, Path.GetFileNameWithoutExtension(file), StringComparison.OrdinalIgnoreCase))
                        {
                            _available[name.Name] = name;
                        }
                    }
                }
            }

            return _available;
        }

        private static bool SamePath(string a, string b) =>
            string.Equals(
                a.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                b.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
