using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Tests.Azure;

public class UrlSanitizerTests
{
    [Fact]
    public void KeepsApiVersionAndFilterButMasksOtherQueryValues()
    {
        var uri = new Uri("https://management.azure.com/subscriptions/s/providers/Microsoft.Batch/locations/westus/operationResults/abc?api-version=2025-06-01&t=638000&c=MIIHcert&s=SignatureValue&h=hash");
        var text = UrlSanitizer.Sanitize(uri, Redactor.Default);
        Assert.Equal(
            "https://management.azure.com/subscriptions/s/providers/Microsoft.Batch/locations/westus/operationResults/abc?api-version=2025-06-01&t=***&c=***&s=***&h=***",
            text);
    }

    [Fact]
    public void KeepsTheFilterOfRoleAssignmentLists()
    {
        var uri = new Uri("https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope%28%29");
        Assert.EndsWith("?api-version=2022-04-01&$filter=atScope%28%29", UrlSanitizer.Sanitize(uri, Redactor.Default));
    }

    [Fact]
    public void MasksSkipTokensAndSasSignatures()
    {
        var uri = new Uri("https://v.vault.azure.net/certificates/c/versions?api-version=7.6&$skiptoken=eyJOZXh0TWFya2VyIjoiMiJ9&sig=abc");
        Assert.Equal("https://v.vault.azure.net/certificates/c/versions?api-version=7.6&$skiptoken=***&sig=***", UrlSanitizer.Sanitize(uri, Redactor.Default));
    }

    [Fact]
    public void AppliesTheRedactorToThePath()
    {
        var redactor = new Redactor(new[] { "secretname" });
        Assert.Equal("https://h/***/x", UrlSanitizer.Sanitize(new Uri("https://h/secretname/x"), redactor));
    }
}
