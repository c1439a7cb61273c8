using System.Xml.Linq;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>The type names that a *.format.ps1xml file has views for (View/ViewSelectedBy/TypeName).</summary>
internal static class FormatFile
{
    public static IReadOnlySet<string> ViewTypeNames(string path)
    {
        var doc = XDocument.Load(path);
        if (doc.Root?.Name.LocalName != "Configuration" || doc.Root.Element("ViewDefinitions") is null)
        {
            throw new InvalidDataException($"{path}: expected <Configuration><ViewDefinitions>.");
        }

        return doc.Root.Element("ViewDefinitions")!.Elements("View")
            .SelectMany(v => v.Element("ViewSelectedBy")?.Elements("TypeName") ?? [])
            .Select(t => t.Value.Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The cmdlets' [OutputType] types that are the module's own and have no view.</summary>
    public static IEnumerable<string> MissingViews(IEnumerable<CmdletMetadata> cmdlets, IReadOnlySet<string> views) =>
        cmdlets.SelectMany(c => c.OutputTypes.Select(t => (Cmdlet: c.Name, Type: t)))
            .Where(x => !x.Type.StartsWith("System.", StringComparison.Ordinal) && !views.Contains(x.Type))
            .Select(x => $"{x.Cmdlet}: output type {x.Type} has no view in the format file.");
}
