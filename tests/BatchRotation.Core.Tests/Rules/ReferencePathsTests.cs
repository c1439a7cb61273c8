using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public sealed class ReferencePathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "br-refpaths-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void No_repository_above_means_no_reference_material()
    {
        var deep = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;
        Assert.Null(ReferencePaths.FindReferenceRoot(deep));
    }

    [Fact]
    public void A_repository_without_shared_reference_beside_it_means_none()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_root, "main")).FullName;
        File.WriteAllText(Path.Combine(repo, "BatchRotation.sln"), "");
        var bin = Directory.CreateDirectory(Path.Combine(repo, "tests", "bin", "Debug")).FullName;
        Assert.Null(ReferencePaths.FindReferenceRoot(bin));
    }

    [Fact]
    public void The_reference_material_is_found_beside_the_repository()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_root, "main")).FullName;
        File.WriteAllText(Path.Combine(repo, "BatchRotation.sln"), "");
        var reference = Directory.CreateDirectory(Path.Combine(_root, "shared", "reference")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(repo, "tests", "bin", "Debug")).FullName;
        Assert.Equal(reference, ReferencePaths.FindReferenceRoot(bin));
    }

    [Fact]
    public void Reference_facts_skip_exactly_when_the_material_is_absent()
    {
        var expected = ReferencePaths.ReferenceRoot == null ? ReferencePaths.MissingReason : null;
        Assert.Equal(expected, new ReferenceFactAttribute().Skip);
        Assert.Equal(expected, new ReferenceTheoryAttribute().Skip);
    }
}
