using System.Xml.Linq;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>The explicit module file list, read from ModuleFiles.props (the one place it is kept).</summary>
internal sealed record ModuleFileEntry(string Path, string From)
{
    public bool IsAssembly => Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public bool IsDependency => Path.StartsWith("dependencies/", StringComparison.Ordinal);
}

internal static class ModuleFileList
{
    private static readonly Lazy<IReadOnlyList<ModuleFileEntry>> s_entries = new(Read);

    public static IReadOnlyList<ModuleFileEntry> Entries => s_entries.Value;

    private static IReadOnlyList<ModuleFileEntry> Read()
    {
        var doc = XDocument.Load(RepoPaths.ModuleFilesProps);
        return doc.Descendants("ModuleFile")
            .Select(e => new ModuleFileEntry(
                (string?)e.Attribute("Include") ?? throw new InvalidDataException("ModuleFile without Include"),
                (string?)e.Attribute("From") ?? throw new InvalidDataException("ModuleFile without From")))
            .ToList();
    }
}
