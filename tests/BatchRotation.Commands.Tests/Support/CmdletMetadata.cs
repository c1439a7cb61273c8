using System.Reflection;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>A [Parameter] attribute on a property: which set it belongs to and how it binds.</summary>
internal sealed record ParameterUse(string SetName, bool Mandatory, int Position, bool FromPipeline, bool FromPipelineByName);

/// <summary>A cmdlet parameter: a public property with one or more [Parameter] attributes.</summary>
internal sealed record CmdletParameter(string Name, Type Type, IReadOnlyList<ParameterUse> Uses);

/// <summary>What PowerShell sees of one cmdlet class, read through a MetadataLoadContext.</summary>
internal sealed class CmdletMetadata
{
    public const string AllParameterSets = "__AllParameterSets";
    private const string Sma = "System.Management.Automation.";

    private CmdletMetadata(Type type, CustomAttributeData cmdlet)
    {
        Type = type;
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        SupportsShouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess");
        DefaultParameterSetName = Named<string?>(cmdlet, "DefaultParameterSetName");
        OutputTypes = ReadOutputTypes(type);
        Parameters = ReadParameters(type);
    }

    public Type Type { get; }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => $"{Verb}-{Noun}";

    public bool SupportsShouldProcess { get; }

    public string? DefaultParameterSetName { get; }

    /// <summary>Full names of the types named by [OutputType] (typeof(...) or a string).</summary>
    public IReadOnlyList<string> OutputTypes { get; }

    public IReadOnlyList<Type> OutputTypeObjects { get; private set; } = [];

    public IReadOnlyList<CmdletParameter> Parameters { get; }

    /// <summary>The explicit parameter-set names used by the cmdlet (not __AllParameterSets).</summary>
    public IReadOnlySet<string> ParameterSetNames =>
        Parameters.SelectMany(p => p.Uses).Select(u => u.SetName)
            .Where(n => n != AllParameterSets)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The parameters of each parameter set as PowerShell builds them (all-sets parameters join every set).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ParameterSets
    {
        get
        {
            var names = ParameterSetNames.Count == 0 ? new HashSet<string> { AllParameterSets } : ParameterSetNames.ToHashSet();
            return names.ToDictionary(
                set => set,
                set => (IReadOnlySet<string>)Parameters
                    .Where(p => p.Uses.Any(u => u.SetName == set || u.SetName == AllParameterSets))
                    .Select(p => p.Name)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase));
        }
    }

    public static IReadOnlyList<CmdletMetadata> ReadAll(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Attr: t.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == Sma + "CmdletAttribute")))
            .Where(x => x.Attr is not null)
            .Select(x => new CmdletMetadata(x.Type, x.Attr!) { OutputTypeObjects = ReadOutputTypeObjects(x.Type) })
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    private static T Named<T>(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return (T)argument.TypedValue.Value!;
            }
        }

        return default!;
    }

    private static IEnumerable<CustomAttributeData> OutputTypeAttributes(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute");

    private static IReadOnlyList<string> ReadOutputTypes(Type type) =>
        OutputTypeAttributes(type)
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [arg.Value])
            .Select(v => v switch
            {
                Type t => t.FullName!,
                string s => s,
                _ => throw new InvalidDataException($"Unexpected [OutputType] argument on {type.FullName}: {v}"),
            })
            .ToList();

    private static IReadOnlyList<Type> ReadOutputTypeObjects(Type type) =>
        OutputTypeAttributes(type)
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [arg.Value])
            .OfType<Type>()
            .ToList();

    private static IReadOnlyList<CmdletParameter> ReadParameters(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Uses: p.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute")
                .Select(a => new ParameterUse(
                    Named<string?>(a, "ParameterSetName") ?? AllParameterSets,
                    Named<bool>(a, "Mandatory"),
                    a.NamedArguments.Any(n => n.MemberName == "Position") ? Named<int>(a, "Position") : int.MinValue,
                    Named<bool>(a, "ValueFromPipeline"),
                    Named<bool>(a, "ValueFromPipelineByPropertyName")))
                .ToList()))
            .Where(x => x.Uses.Count > 0)
            .Select(x => new CmdletParameter(x.Property.Name, x.Property.PropertyType, x.Uses))
            .ToList();
}
