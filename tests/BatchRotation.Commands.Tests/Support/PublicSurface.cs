using System.Reflection;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>
/// Finds where a private dependency's type (Azure.Core, Azure.Identity, MSAL, System.* shims) shows in
/// a signature PowerShell or a user can see. Two scopes:
/// <list type="bullet">
/// <item>the whole public and protected surface of an assembly (used for BatchRotation.Commands);</item>
/// <item>what reaches the pipeline: cmdlet parameter types and [OutputType] types, followed through
/// their public properties into the module's own types (used for every cmdlet).</item>
/// </list>
/// </summary>
internal static class PublicSurface
{
    private const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IEnumerable<string> LeaksInAssembly(Assembly assembly, IReadOnlySet<string> privateNames)
    {
        foreach (Type type in assembly.GetExportedTypes())
        {
            var used = new List<(string Where, Type Type)>();
            if (type.BaseType is { } baseType)
            {
                used.Add(("base type", baseType));
            }

            used.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
            foreach (var member in type.GetMembers(Visible))
            {
                switch (member)
                {
                    case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                        used.Add((f.Name, f.FieldType));
                        break;
                    case PropertyInfo p when IsVisible(p.GetMethod) || IsVisible(p.SetMethod):
                        used.Add((p.Name, p.PropertyType));
                        break;
                    case MethodBase m when IsVisible(m):
                        if (m is MethodInfo mi)
                        {
                            used.Add((m.Name + " return", mi.ReturnType));
                        }

                        used.AddRange(m.GetParameters().Select(p => ($"{m.Name}({p.Name})", p.ParameterType)));
                        break;
                    case EventInfo e when IsVisible(e.AddMethod):
                        used.Add((e.Name, e.EventHandlerType!));
                        break;
                }
            }

            foreach (var (where, usedType) in used)
            {
                foreach (Type part in Expand(usedType))
                {
                    if (IsPrivate(part, privateNames))
                    {
                        yield return $"{type.FullName}.{where} exposes {part.FullName} from private dependency {part.Assembly.GetName().Name}.";
                    }
                }
            }
        }
    }

    public static IEnumerable<string> LeaksThroughPipeline(CmdletMetadata cmdlet, IReadOnlySet<string> privateNames, IReadOnlySet<string> ownAssemblies)
    {
        var roots = cmdlet.Parameters.Select(p => ($"parameter {p.Name}", p.Type))
            .Concat(cmdlet.OutputTypeObjects.Select(t => ("[OutputType]", t)));
        var seen = new HashSet<Type>();
        var pending = new Queue<(string Path, Type Type)>(roots);
        while (pending.Count > 0)
        {
            var (path, current) = pending.Dequeue();
            foreach (Type part in Expand(current))
            {
                if (!seen.Add(part))
                {
                    continue;
                }

                if (IsPrivate(part, privateNames))
                {
                    yield return $"{cmdlet.Name}: {path} reaches {part.FullName} from private dependency {part.Assembly.GetName().Name}.";
                    continue;
                }

                if (ownAssemblies.Contains(part.Assembly.GetName().Name!))
                {
                    foreach (var property in part.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        pending.Enqueue(($"{path} -> {part.Name}.{property.Name}", property.PropertyType));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Fields of any visibility on a cmdlet class and its bases that hold a private dependency's type.
    /// PowerShell loads the cmdlet classes while it imports the assembly, possibly before
    /// IModuleAssemblyInitializer.OnImport has installed the resolver; a value-type field must be laid
    /// out then, so its assembly would be loaded from wherever the default context finds it.
    /// </summary>
    public static IEnumerable<string> PrivateFieldTypes(CmdletMetadata cmdlet, IReadOnlySet<string> privateNames)
    {
        for (Type? t = cmdlet.Type; t is not null && t.FullName != "System.Object"; t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (Type part in Expand(field.FieldType).Where(p => IsPrivate(p, privateNames)))
                {
                    yield return $"{cmdlet.Name}: field {t.Name}.{field.Name} holds {part.FullName} from private dependency {part.Assembly.GetName().Name}.";
                }
            }
        }
    }

    private static bool IsVisible(MethodBase? method) =>
        method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static bool IsPrivate(Type type, IReadOnlySet<string> privateNames) =>
        privateNames.Contains(type.Assembly.GetName().Name!);

    /// <summary>The type and everything it is built from: element types and generic arguments.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (Type t in Expand(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                foreach (Type t in Expand(argument))
                {
                    yield return t;
                }
            }
        }
    }
}
