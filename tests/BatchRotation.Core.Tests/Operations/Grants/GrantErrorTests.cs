using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Operations.Grants;

public class GrantErrorTests
{
    private static GrantRequest Request(params string[] urls) => new(FakeAzure.IdentityId, urls);

    [Fact]
    public async Task A_missing_identity_stops_the_request_with_its_request_id()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var missing = FakeAzure.IdentityId.Replace("pool-id", "nobody");

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Granter().GrantAsync(new GrantRequest(missing, new[] { FakeAzure.Url("kv1") }), new TestSink(), CancellationToken.None));

        Assert.Equal(GrantErrorIds.IdentityNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(missing, error.Target);
        Assert.Equal("ResourceNotFound", error.AzureErrorCode);
        Assert.NotNull(error.RequestId);
        Assert.Contains(error.RequestId!, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
        Assert.Empty(azure.Vaults.Lists);
    }

    [Fact]
    public async Task TryGrant_reports_a_missing_identity_as_an_error_and_returns_nothing()
    {
        var azure = new FakeAzure();
        var sink = new TestSink();

        var result = await azure.Granter().TryGrantAsync(
            new GrantRequest(FakeAzure.IdentityId.Replace("pool-id", "nobody"), new[] { FakeAzure.Url("kv1") }), sink, CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(GrantErrorIds.IdentityNotFound, Assert.Single(sink.Errors).ErrorId);
    }

    [Fact]
    public async Task A_malformed_identity_id_is_refused_before_any_call()
    {
        var azure = new FakeAzure();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Granter().GrantAsync(new GrantRequest(FakeAzure.VaultId("kv1"), new[] { FakeAzure.Url("kv1") }), new TestSink(), CancellationToken.None));

        Assert.Equal(RuleErrorIds.InvalidResourceId, error.ErrorId);
        Assert.Equal(0, azure.Identities.Reads);
    }

    [Fact]
    public async Task A_malformed_url_is_reported_for_itself_and_the_others_go_on()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request("kv1/secrets/cert1", FakeAzure.Url("kv1")), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(RuleErrorIds.InvalidCertificateUrl, error.ErrorId);
        Assert.Equal("kv1/secrets/cert1", error.Target);
        Assert.Equal(new[] { FakeAzure.Url("kv1"), "kv1/secrets/cert1" }, result!.CertificateUrl);
        Assert.Equal(new[] { "kv1/secrets/cert1" }, result.FailedCertificateUrl);
        Assert.False(result.Complete);
        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result.Grants).Status);
    }

    [Fact]
    public async Task Only_malformed_urls_give_no_output_and_no_call()
    {
        var azure = new FakeAzure();
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request("not a url", "https://kv1.vault.azure.net/keys/k1"), sink, CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(2, sink.Errors.Count);
        Assert.Equal(0, azure.Identities.Reads);
    }

    [Fact]
    public async Task A_versioned_url_is_granted_versionless_with_a_warning_that_says_why()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(
            Request("https://KV1.vault.azure.net/certificates/cert1/0123456789ABCDEF0123456789abcdef/"), sink, CancellationToken.None);

        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result!.CertificateUrl);
        var warning = Assert.Single(sink.Warnings);
        Assert.Contains("pins that one version", warning);
        Assert.Contains(FakeAzure.Url("kv1"), warning);
        Assert.Contains(sink.Verbose, v => v.Contains("/certificates/ URL"));
    }

    [Fact]
    public async Task The_same_secret_named_twice_is_granted_once()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");

        var result = await azure.Granter().GrantAsync(
            Request(FakeAzure.Url("kv1"), "https://kv1.vault.azure.net/certificates/cert1"), new TestSink(), CancellationToken.None);

        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result!.CertificateUrl);
        Assert.Single(azure.Vaults.Adds);
    }

    [Fact]
    public async Task A_vault_nobody_can_see_is_not_found_naming_the_subscriptions_searched_and_the_others_go_on()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = FakeAzure.Sub });
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = FakeAzure.OtherSub });
        azure.Vaults.ForbiddenSubscriptions.Add(FakeAzure.OtherSub);
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("ghost"), FakeAzure.Url("kv1")), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("https://ghost.vault.azure.net/", error.Target);
        Assert.Contains(FakeAzure.Sub, error.Message);
        Assert.Contains("could not list the vaults of " + FakeAzure.OtherSub, error.Message);
        Assert.Equal(VaultGrantStatus.Failed, result!.Grants[0].Status);
        Assert.Equal(GrantErrorIds.VaultNotFound, result.Grants[0].ErrorId);
        Assert.Equal(VaultGrantStatus.Granted, result.Grants[1].Status);
        Assert.Equal(new[] { FakeAzure.Url("ghost"), FakeAzure.Url("kv1") }, result.CertificateUrl);
        Assert.Equal(new[] { FakeAzure.Url("ghost") }, result.FailedCertificateUrl);
    }

    [Fact]
    public async Task A_vault_in_another_tenant_is_refused_and_nothing_is_written()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", tenant: "11111111-1111-1111-1111-111111111111");
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultInAnotherTenant, error.ErrorId);
        Assert.Equal(vault.Id, error.Target);
        Assert.Contains("11111111-1111-1111-1111-111111111111", error.Message);
        Assert.Empty(azure.Vaults.Adds);
        Assert.Empty(azure.Certificates.Reads);
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
    }

    [Fact]
    public async Task A_missing_certificate_is_reported_and_its_vault_is_granted_for_the_others()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", certificates: new[] { "a" });
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "nope")), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.CertificateNotFound, error.ErrorId);
        Assert.Equal(FakeAzure.Url("kv1", "nope"), error.Target);
        Assert.Equal("CertificateNotFound", error.AzureErrorCode);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(new[] { FakeAzure.Url("kv1", "a") }, grant.CertificateUrl);
        Assert.Equal(new[] { FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "nope") }, result.CertificateUrl);
        Assert.Equal(new[] { FakeAzure.Url("kv1", "nope") }, result.FailedCertificateUrl);
    }

    [Fact]
    public async Task A_vault_without_any_of_the_certificates_is_not_granted()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", certificates: Array.Empty<string>());

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);

        Assert.Empty(azure.Vaults.Adds);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Failed, grant.Status);
        Assert.Equal(GrantErrorIds.CertificateNotFound, grant.ErrorId);
    }

    [Fact]
    public async Task When_the_data_plane_cannot_be_read_existence_is_a_warning_and_the_grant_goes_on()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", certificates: new[] { "a", "b" });
        azure.Certificates.ForbiddenVaults.Add(FakeAzure.VaultUri("kv1").AbsoluteUri);
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b")), sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        var warning = Assert.Single(sink.Warnings);
        Assert.Contains("cannot be proven", warning);
        Assert.Single(azure.Certificates.Reads);
        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
        Assert.Equal(2, result.CertificateUrl.Length);
    }

    [Fact]
    public async Task A_certificate_that_never_renews_gives_a_warning()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        azure.Certificates.Policies["cert1"] = new CertificatePolicy { IssuerName = "Unknown", LifetimeActions = new[] { new LifetimeAction(LifetimeAction.EmailContacts, 80, null) } };
        var sink = new TestSink();

        await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Contains(sink.Warnings, w => w.Contains("no AutoRenew") && w.Contains("'Unknown'"));
    }

    [Fact]
    public async Task A_caller_who_may_not_write_policies_is_told_which_role_is_needed_and_other_vaults_go_on()
    {
        var azure = new FakeAzure();
        var denied = azure.AddVault("kv1");
        azure.AddVault("kv2");
        azure.Vaults.FailAdds(denied.Id, AzureFailures.Forbidden(denied.Id + "/accessPolicies/add"));
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1"), FakeAzure.Url("kv2")), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.AccessPolicyWriteDenied, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(denied.Id, error.Target);
        Assert.Contains("Microsoft.KeyVault/vaults/accessPolicies/write", error.Remedy);
        Assert.Contains("Key Vault Contributor", error.Remedy);
        Assert.Equal(403, error.Status);
        Assert.NotNull(error.RequestId);
        Assert.Equal(VaultGrantStatus.Failed, result!.Grants[0].Status);
        Assert.Equal(VaultGrantStatus.Granted, result.Grants[1].Status);
        Assert.Empty(azure.Vaults.Current(denied.Id).AccessPolicies);
    }

    [Fact]
    public async Task Any_other_azure_failure_of_a_vault_is_reported_for_that_vault_only()
    {
        var azure = new FakeAzure();
        var broken = azure.AddVault("kv1");
        azure.AddVault("kv2");
        azure.Vaults.FailAdds(broken.Id, AzureFailures.ServerError(broken.Id));
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1"), FakeAzure.Url("kv2")), sink, CancellationToken.None);

        Assert.Equal("InternalServerError", Assert.Single(sink.Errors).AzureErrorCode);
        Assert.Equal(new[] { VaultGrantStatus.Failed, VaultGrantStatus.Granted }, result!.Grants.Select(g => g.Status));
    }

    [Fact]
    public async Task No_certificate_url_at_all_is_an_error_for_the_request()
    {
        var azure = new FakeAzure();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Granter().GrantAsync(Request(), new TestSink(), CancellationToken.None));

        Assert.Equal(RuleErrorIds.NoObservedCertificates, error.ErrorId);
    }

    [Fact]
    public async Task A_pool_without_identity_or_certificates_is_reported_for_that_pool()
    {
        var azure = new FakeAzure();
        var sink = new TestSink();
        var noIdentity = new RotatingBatchPool { PoolResourceId = "/p1", CertificateUrl = new[] { FakeAzure.Url("kv1") } };
        var noCertificates = new RotatingBatchPool { PoolResourceId = "/p2", IdentityResourceId = FakeAzure.IdentityId };

        Assert.Null(await azure.Granter().RepairPoolAsync(noIdentity, GrantAccessModel.Auto, RbacGrantScope.Vault, sink, CancellationToken.None));
        Assert.Null(await azure.Granter().RepairPoolAsync(noCertificates, GrantAccessModel.Auto, RbacGrantScope.Vault, sink, CancellationToken.None));

        Assert.Equal(new[] { GrantErrorIds.PoolHasNoIdentity, GrantErrorIds.PoolHasNoCertificates }, sink.Errors.Select(e => e.ErrorId));
        Assert.Same(noIdentity, sink.Errors.First().Target);
        Assert.Equal(0, azure.Identities.Reads);
    }

    [Fact]
    public async Task A_pool_is_repaired_with_its_identity_and_observed_certificates()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", rbac: true);
        var pool = new RotatingBatchPool
        {
            PoolResourceId = "/p1",
            IdentityResourceId = FakeAzure.IdentityId,
            CertificateUrl = new[] { "https://kv1.vault.azure.net/secrets/cert1/0123456789abcdef0123456789abcdef" },
        };
        var sink = new TestSink();

        var result = await azure.Granter().RepairPoolAsync(pool, GrantAccessModel.Auto, RbacGrantScope.Secret, sink, CancellationToken.None);

        Assert.Equal(new[] { FakeAzure.VaultId("kv1") + "/secrets/cert1" }, azure.Authorization.Creates.ToArray());
        Assert.Equal(new[] { FakeAzure.Url("kv1") }, result!.CertificateUrl);
        Assert.Contains(sink.Warnings, w => w.Contains("pins that one version"));
    }

    [Fact]
    public async Task A_pool_whose_identity_is_gone_is_an_error_for_that_pool()
    {
        var azure = new FakeAzure();
        var pool = new RotatingBatchPool { PoolResourceId = "/p1", IdentityResourceId = FakeAzure.IdentityId.Replace("pool-id", "gone"), CertificateUrl = new[] { FakeAzure.Url("kv1") } };
        var sink = new TestSink();

        Assert.Null(await azure.Granter().RepairPoolAsync(pool, GrantAccessModel.Auto, RbacGrantScope.Vault, sink, CancellationToken.None));

        Assert.Equal(GrantErrorIds.IdentityNotFound, Assert.Single(sink.Errors).ErrorId);
    }
}
