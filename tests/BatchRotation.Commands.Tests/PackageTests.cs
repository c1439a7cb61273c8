using System.IO.Compression;
using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// out/BatchRotation.zip, the package Azure Automation imports: named like the module folder, that
/// folder at the zip root with the manifest of the same name inside, no version folder (Automation adds
/// its own), under 100 MB, no file path longer than Automation's 140 characters.
/// </summary>
public class PackageTests
{
    private const string Prefix = RepoPaths.ModuleName + "/";

    private static List<ZipArchiveEntry> Entries(ZipArchive zip) => zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();

    [Fact]
    public void The_zip_is_named_after_the_module_and_is_under_100_MB()
    {
        var file = new FileInfo(RepoPaths.PackageFile);
        Assert.True(file.Exists, $"{file.FullName} does not exist: build BatchRotation.Commands.");
        Assert.Equal("BatchRotation.zip", file.Name);
        Assert.InRange(file.Length, 1, (100L * 1024 * 1024) - 1);
    }

    [Fact]
    public void The_module_folder_is_at_the_zip_root_without_a_version_folder()
    {
        using var zip = ZipFile.OpenRead(RepoPaths.PackageFile);
        var entries = Entries(zip);
        Assert.All(entries, e => Assert.StartsWith(Prefix, e.FullName, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain('\\', e.FullName));
        Assert.Contains(entries, e => e.FullName == Prefix + "BatchRotation.psd1");
        Assert.DoesNotContain(entries, e => e.FullName.StartsWith(Prefix + RepoPaths.Version + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_zip_holds_exactly_the_listed_files_with_the_built_content()
    {
        using var zip = ZipFile.OpenRead(RepoPaths.PackageFile);
        var entries = Entries(zip).ToDictionary(e => e.FullName.Substring(Prefix.Length));
        Assert.Equal(
            ModuleFileList.Entries.Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal),
            entries.Keys.OrderBy(p => p, StringComparer.Ordinal));

        foreach (var (path, entry) in entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(
                copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(RepoPaths.ModuleBase, path))),
                $"{path} in the zip differs from the module folder");
        }
    }

    [Fact]
    public void No_path_exceeds_the_Automation_limit()
    {
        using var zip = ZipFile.OpenRead(RepoPaths.PackageFile);
        Assert.All(Entries(zip), e => Assert.True(e.FullName.Length <= 140, $"{e.FullName} is {e.FullName.Length} characters"));
    }
}
