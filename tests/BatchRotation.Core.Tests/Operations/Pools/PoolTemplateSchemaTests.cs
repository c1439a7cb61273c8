using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Tests.Rules.TestSupport;
using static BatchRotation.Core.Tests.Operations.Pools.FakePoolWorld;

namespace BatchRotation.Core.Tests.Operations.Pools;

/// <summary>-AsTemplate's output validates against the Pool definition of BatchManagement.json 2025-06-01.</summary>
public sealed class PoolTemplateSchemaTests
{
    public static TheoryData<string> Variants => new()
    {
        "linux-default", "linux-2.0", "linux-options", "windows-1.0", "windows-3.0-options", "windows-4.0", "subnet-and-low-priority",
    };

    private static NewRotatingBatchPoolRequest Variant(string name)
    {
        var request = new NewRotatingBatchPoolRequest("web", IdentityId, new[] { VaultUri + "secrets/web" }, "Standard_D2s_v5")
        {
            SubscriptionId = Sub,
            ResourceGroupName = Rg,
            AccountName = AccountName,
        };
        return name switch
        {
            "linux-2.0" => request with { ExtensionVersion = "2.0", CertificateStoreLocation = "/var/lib/certs" },
            "linux-options" => request with { PollingInterval = TimeSpan.FromMinutes(5), RequireInitialSync = false, CertificateStoreLocation = "/etc/ssl/pool" },
            "windows-1.0" => request with { Image = "WindowsServer2019", ExtensionVersion = "1.0", LinkOnRenewal = false },
            "windows-3.0-options" => request with { Image = "WindowsServer2022", CertificateStoreName = "WebHosting", CertificateStoreLocation = "LocalMachine", KeyExportable = true, CertificateAccounts = new[] { "Network Service" } },
            "windows-4.0" => request with { Image = "WindowsServer2025", ExtensionVersion = "4.0", PollingInterval = TimeSpan.FromMinutes(5) },
            "subnet-and-low-priority" => request with
            {
                TargetDedicatedNodes = 0,
                TargetLowPriorityNodes = 4,
                SubnetId = $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/batch",
            },
            _ => request,
        };
    }

    [ReferenceTheory]
    [MemberData(nameof(Variants))]
    public async Task The_template_is_a_valid_pool_body(string variant)
    {
        var json = await new PoolProvisioner(new FakePoolWorld().Clients).BuildTemplateAsync(Variant(variant), new TestSink(), CancellationToken.None);

        var errors = SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger).Validate(JsonNode.Parse(json), "Pool");

        Assert.Empty(errors);
    }

    [ReferenceFact]
    public async Task The_validator_rejects_a_template_broken_the_usual_way()
    {
        var json = await new PoolProvisioner(new FakePoolWorld().Clients).BuildTemplateAsync(Variant("linux-default"), new TestSink(), CancellationToken.None);
        var body = JsonNode.Parse(json)!;
        body["properties"]!["vmSize"] = 2;

        Assert.NotEmpty(SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger).Validate(body, "Pool"));
    }

    [Fact]
    public async Task The_template_is_indented_json_that_round_trips_to_the_body_sent()
    {
        var world = new FakePoolWorld();
        var json = await new PoolProvisioner(world.Clients).BuildTemplateAsync(Variant("windows-3.0-options"), new TestSink(), CancellationToken.None);
        await new PoolProvisioner(world.Clients).CreateAsync(Variant("windows-3.0-options"), new TestSink(), CancellationToken.None);

        Assert.Contains("\n  \"properties\"", json.Replace("\r\n", "\n"));
        Assert.True(JsonNode.DeepEquals(world.CreatedBody, JsonNode.Parse(json)));
    }
}
