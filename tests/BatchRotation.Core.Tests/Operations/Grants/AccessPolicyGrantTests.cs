using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations.Grants;

namespace BatchRotation.Core.Tests.Operations.Grants;

public class AccessPolicyGrantTests
{
    private static GrantRequest Request(params string[] urls) => new(FakeAzure.IdentityId, urls);

    [Fact]
    public async Task Adds_secrets_get_and_list_through_accessPolicies_add_and_reports_the_identity()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.NotNull(result);
        var add = Assert.Single(azure.Vaults.Adds);
        Assert.Equal(vault.Id, add.VaultId);
        Assert.Equal(FakeAzure.Principal, add.Policy.ObjectId);
        Assert.Equal(FakeAzure.Tenant, add.Policy.TenantId);
        Assert.Equal(new[] { "get", "list" }, add.Policy.Permissions.Secrets);
        Assert.Empty(add.Policy.Permissions.Certificates);
        Assert.Empty(add.Policy.Permissions.Keys);

        Assert.Equal(FakeAzure.IdentityId, result!.IdentityResourceId);
        Assert.Equal(FakeAzure.ClientId, result.IdentityClientId);
        Assert.Equal(FakeAzure.Principal, result.IdentityPrincipalId);
        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result.CertificateUrl);
        Assert.True(result.Complete);
        var grant = Assert.Single(result.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(KeyVaultPermissionModel.AccessPolicy, grant.AccessModel);
        Assert.Equal(new[] { "get", "list" }, grant.Permissions);
        Assert.Equal("kv1", grant.VaultName);
        Assert.Equal(vault.Id, grant.VaultResourceId);
        Assert.Equal("secrets: get, list", grant.Access);
        Assert.Empty(sink.Errors);

        var (target, action) = Assert.Single(sink.ShouldProcessCalls);
        Assert.Equal(vault.Id, target);
        Assert.Contains("secret permissions get, list", action);
        Assert.Contains(FakeAzure.Principal, action);
    }

    [Fact]
    public async Task Adds_only_the_missing_permission_to_an_existing_policy()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        azure.Vaults.SetPolicies(vault.Id, new VaultAccessPolicy(FakeAzure.Tenant, FakeAzure.Principal, new VaultPermissions(secrets: new[] { "get" })));

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);

        Assert.Equal(new[] { "list" }, Assert.Single(azure.Vaults.Adds).Policy.Permissions.Secrets);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(new[] { "list" }, grant.Permissions);
        Assert.Contains("already had get", grant.Detail);
    }

    [Theory]
    [InlineData("get,list")]
    [InlineData("Get,List,Set,Delete")]
    [InlineData("all")]
    public async Task Writes_nothing_when_a_policy_already_allows_it(string permissions)
    {
        var existing = permissions.Split(',');
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        azure.Vaults.SetPolicies(vault.Id, new VaultAccessPolicy(FakeAzure.Tenant, FakeAzure.Principal, new VaultPermissions(secrets: existing)));
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Empty(azure.Vaults.Adds);
        Assert.Empty(sink.ShouldProcessCalls);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal(existing.Select(p => p.ToLowerInvariant()).OrderBy(p => p, StringComparer.Ordinal), grant.Permissions);
        Assert.Contains("access policy", grant.Detail);
        Assert.Contains("Nothing was written", grant.Detail);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task A_policy_of_another_principal_or_with_an_application_does_not_count_and_is_left_alone()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        var other = new VaultAccessPolicy(FakeAzure.Tenant, "0b5fe924-9a61-425c-96af-cfe6e287ca2d", new VaultPermissions(secrets: new[] { "all" }));
        var compound = new VaultAccessPolicy(FakeAzure.Tenant, FakeAzure.Principal, new VaultPermissions(secrets: new[] { "get", "list" }), applicationId: "7e2b1c1d-0000-4000-8000-000000000009");
        azure.Vaults.SetPolicies(vault.Id, other, compound);

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);

        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
        var policies = azure.Vaults.Current(vault.Id).AccessPolicies;
        Assert.Contains(other, policies);
        Assert.Contains(compound, policies);
        Assert.Contains(policies, p => p.ObjectId == FakeAzure.Principal && p.ApplicationId == null && p.Permissions.Secrets.SequenceEqual(new[] { "get", "list" }));
    }

    [Fact]
    public async Task A_rerun_writes_nothing_and_says_already_present()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var granter = azure.Granter();
        await granter.GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);
        var sink = new TestSink();

        var rerun = await granter.GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Single(azure.Vaults.Adds);
        Assert.Empty(sink.ShouldProcessCalls);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, Assert.Single(rerun!.Grants).Status);
    }

    [Fact]
    public async Task When_not_confirmed_nothing_is_written_and_the_entry_says_skipped()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var sink = new TestSink(shouldProcess: false);

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Empty(azure.Vaults.Adds);
        Assert.Single(sink.ShouldProcessCalls);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Skipped, grant.Status);
        Assert.Equal(new[] { "get", "list" }, grant.Permissions);
        Assert.Contains("Not confirmed", grant.Detail);
        Assert.False(result.Complete);
        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result.CertificateUrl);
    }

    [Fact]
    public async Task Several_certificates_of_one_vault_need_one_vault_read_and_one_write()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", certificates: new[] { "a", "b", "c" });

        var result = await azure.Granter().GrantAsync(
            Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b"), FakeAzure.Url("kv1", "c")), new TestSink(), CancellationToken.None);

        Assert.Single(azure.Vaults.Gets);
        Assert.Single(azure.Vaults.Lists);
        Assert.Single(azure.Vaults.Adds);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(3, grant.CertificateUrl.Length);
        Assert.Equal(3, result.CertificateUrl.Length);
    }

    [Fact]
    public async Task Refuses_a_vault_that_uses_rbac_when_access_policies_are_asked_for()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", rbac: true);
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")) with { AccessModel = GrantAccessModel.AccessPolicy }, sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultAccessModelMismatch, error.ErrorId);
        Assert.Contains("-AccessModel Auto", error.Remedy);
        Assert.Empty(azure.Vaults.Adds);
        Assert.Empty(azure.Authorization.Creates);
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result.CertificateUrl);
        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result.FailedCertificateUrl);
    }
}
