using System.Reflection;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// The resolver on this .NET runtime, against a copy of real files from the built module: which
/// requests it answers, and that it loads from dependencies/ in isolation. (On .NET Framework the same
/// code runs in the LoadFile context; that path can only be verified in Windows PowerShell 5.1.)
/// </summary>
public sealed class PrivateDependencyResolverTests : IDisposable
{
    private const string Sample = "Microsoft.Bcl.AsyncInterfaces";
    private readonly string _moduleDir = Path.Combine(Path.GetTempPath(), "br-resolver-" + Guid.NewGuid().ToString("N"));
    private readonly PrivateDependencyResolver _resolver;
    private readonly AssemblyName _shipped;

    public PrivateDependencyResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(_moduleDir, "dependencies"));
        File.Copy(Path.Combine(RepoPaths.ModuleBase, "dependencies", Sample + ".dll"), Path.Combine(_moduleDir, "dependencies", Sample + ".dll"));
        _shipped = AssemblyName.GetAssemblyName(Path.Combine(_moduleDir, "dependencies", Sample + ".dll"));
        _resolver = new PrivateDependencyResolver(_moduleDir);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_moduleDir, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // Windows keeps loaded files locked; the temp folder is left behind.
        }
    }

    private AssemblyName Request(Version? version, byte[]? token = null)
    {
        var name = new AssemblyName(Sample) { Version = version };
        name.SetPublicKeyToken(token ?? _shipped.GetPublicKeyToken());
        return name;
    }

    [Fact]
    public void Our_file_answers_any_version_up_to_its_own_once_per_name()
    {
        var older = _resolver.Resolve(Request(new Version(1, 0, 0, 0)), requestingAssembly: null);
        var same = _resolver.Resolve(Request(_shipped.Version), requestingAssembly: null);

        Assert.NotNull(older);
        Assert.Same(older, same);
        Assert.Equal(Path.Combine(_moduleDir, "dependencies", Sample + ".dll"), older!.Location);
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(older));
    }

    [Fact]
    public void A_higher_version_than_ours_is_not_answered()
    {
        var v = _shipped.Version!;
        Assert.Null(_resolver.Resolve(Request(new Version(v.Major + 1, 0, 0, 0)), requestingAssembly: null));
    }

    [Fact]
    public void A_different_public_key_token_is_not_answered()
    {
        Assert.Null(_resolver.Resolve(Request(_shipped.Version, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }), requestingAssembly: null));
    }

    [Fact]
    public void A_name_we_do_not_ship_is_not_answered()
    {
        Assert.Null(_resolver.Resolve(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0"), requestingAssembly: null));
    }

    [Fact]
    public void Another_modules_request_is_not_answered_but_ours_are()
    {
        Assert.Null(_resolver.Resolve(Request(_shipped.Version), typeof(Xunit.FactAttribute).Assembly));

        var ours = _resolver.Resolve(Request(_shipped.Version), requestingAssembly: null)!;
        Assert.True(_resolver.IsOurs(ours));
        Assert.Same(ours, _resolver.Resolve(Request(_shipped.Version), ours));
        Assert.False(_resolver.IsOurs(typeof(object).Assembly));
    }

    [Fact]
    public void A_missing_dependencies_folder_answers_nothing()
    {
        var empty = new PrivateDependencyResolver(Path.Combine(_moduleDir, "nowhere"));
        Assert.Null(empty.Resolve(Request(_shipped.Version), requestingAssembly: null));
    }
}
