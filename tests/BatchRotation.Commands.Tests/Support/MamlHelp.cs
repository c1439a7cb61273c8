using System.Xml.Linq;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>One command's entry in a MAML help file.</summary>
internal sealed record MamlCommand(
    string Name,
    string Synopsis,
    string Description,
    IReadOnlyList<IReadOnlySet<string>> SyntaxItems,
    IReadOnlyDictionary<string, string> ParameterDescriptions,
    int ExampleCount);

/// <summary>
/// Reads a cmdlet help file (MAML, as Get-Help reads it for binary cmdlets) and checks it against the
/// cmdlets' metadata. WhatIf and Confirm (added by SupportsShouldProcess) may be documented but need not be.
/// </summary>
internal static class MamlHelp
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly HashSet<string> Optional = new(StringComparer.OrdinalIgnoreCase) { "WhatIf", "Confirm" };

    public static IReadOnlyDictionary<string, MamlCommand> Read(string path)
    {
        var doc = XDocument.Load(path);
        if (doc.Root?.Name != Msh + "helpItems" || (string?)doc.Root.Attribute("schema") != "maml")
        {
            throw new InvalidDataException($"{path}: the root must be <helpItems schema=\"maml\" xmlns=\"http://msh\">.");
        }

        return doc.Root.Elements(Command + "command").Select(ReadCommand)
            .ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static IEnumerable<string> Problems(CmdletMetadata cmdlet, IReadOnlyDictionary<string, MamlCommand> help)
    {
        if (!help.TryGetValue(cmdlet.Name, out var entry))
        {
            yield return $"{cmdlet.Name} has no help entry.";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(entry.Synopsis))
        {
            yield return $"{cmdlet.Name}: no synopsis.";
        }

        if (string.IsNullOrWhiteSpace(entry.Description))
        {
            yield return $"{cmdlet.Name}: no description.";
        }

        if (entry.ExampleCount == 0)
        {
            yield return $"{cmdlet.Name}: no example.";
        }

        var parameters = cmdlet.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in parameters)
        {
            if (!entry.ParameterDescriptions.TryGetValue(name, out var description) || string.IsNullOrWhiteSpace(description))
            {
                yield return $"{cmdlet.Name}: parameter {name} is not described.";
            }
        }

        foreach (var name in entry.ParameterDescriptions.Keys.Where(n => !parameters.Contains(n) && !Optional.Contains(n)))
        {
            yield return $"{cmdlet.Name}: help describes parameter {name}, which the cmdlet does not have.";
        }

        var expected = cmdlet.ParameterSets.Values.Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var actual = entry.SyntaxItems.Select(s => Key(s.Where(n => !Optional.Contains(n)).ToHashSet())).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual))
        {
            yield return $"{cmdlet.Name}: syntax items [{string.Join("] [", actual)}] do not match the parameter sets [{string.Join("] [", expected)}].";
        }
    }

    private static string Key(IEnumerable<string> names) =>
        string.Join(" ", names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    private static MamlCommand ReadCommand(XElement command)
    {
        var details = command.Element(Command + "details");
        return new MamlCommand(
            details?.Element(Command + "name")?.Value.Trim() ?? string.Empty,
            Paragraphs(details?.Element(Maml + "description")),
            Paragraphs(command.Element(Maml + "description")),
            command.Element(Command + "syntax")?.Elements(Command + "syntaxItem")
                .Select(i => (IReadOnlySet<string>)i.Elements(Command + "parameter")
                    .Select(p => p.Element(Maml + "name")?.Value.Trim() ?? string.Empty)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase))
                .ToList() ?? [],
            command.Element(Command + "parameters")?.Elements(Command + "parameter")
                .ToDictionary(
                    p => p.Element(Maml + "name")?.Value.Trim() ?? string.Empty,
                    p => Paragraphs(p.Element(Maml + "description")),
                    StringComparer.OrdinalIgnoreCase)
                ?? new Dictionary<string, string>(),
            command.Element(Command + "examples")?.Elements(Command + "example")
                .Count(e => !string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value)) ?? 0);
    }

    private static string Paragraphs(XElement? description) =>
        description is null ? string.Empty : string.Join("\n", description.Elements(Maml + "para").Select(p => p.Value.Trim()));
}
