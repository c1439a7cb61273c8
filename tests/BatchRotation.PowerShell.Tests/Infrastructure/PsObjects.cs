using System.Collections;
using System.Management.Automation;
using Xunit.Sdk;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>Reads output objects as PowerShell shows them (PSObject properties), with clear failures.</summary>
public static class PsObjects
{
    /// <summary>The full name of the .NET type behind an output object.</summary>
    public static string TypeName(this object value) => Unwrap(value).GetType().FullName!;

    /// <summary>A property's value; fails the test if the object has no such property.</summary>
    public static object? Property(this object value, string name) =>
        (PSObject.AsPSObject(value).Properties[name] ?? throw new XunitException($"{value.TypeName()} has no property '{name}'.")).Value is { } v
            ? Unwrap(v)
            : null;

    /// <summary>A property's value as text (an enum by its name).</summary>
    public static string? Text(this object value, string name) => value.Property(name)?.ToString();

    /// <summary>A property's items (an array or any other collection), each unwrapped.</summary>
    public static IReadOnlyList<object> Items(this object value, string name) => value.Property(name) switch
    {
        null => [],
        string single => [single],
        IEnumerable items => items.Cast<object>().Select(Unwrap).ToList(),
        var single => [single],
    };

    public static IReadOnlyList<string> Texts(this object value, string name) => value.Items(name).Select(i => i.ToString()!).ToList();

    /// <summary>The .NET object behind a PSObject; a [pscustomobject] (whose properties live on the PSObject) stays wrapped.</summary>
    public static object Unwrap(object value) => value is PSObject { BaseObject: not PSCustomObject } pso ? pso.BaseObject : value;
}
