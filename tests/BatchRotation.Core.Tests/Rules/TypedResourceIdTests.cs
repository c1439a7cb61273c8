using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class TypedResourceIdTests
{
    private const string Rg = "/subscriptions/sub1/resourceGroups/rg-1";

    [Fact]
    public void User_assigned_identity_ids_parse()
    {
        var id = UserAssignedIdentityId.Parse(Rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-identity");
        Assert.Equal("sub1", id.SubscriptionId);
        Assert.Equal("rg-1", id.ResourceGroupName);
        Assert.Equal("pool-identity", id.Name);
        Assert.Equal(id, UserAssignedIdentityId.Parse((Rg + "/providers/microsoft.managedidentity/userassignedidentities/POOL-IDENTITY").ToUpperInvariant()));
    }

    [Theory]
    [InlineData(Rg + "/providers/Microsoft.KeyVault/vaults/kv1", "it is a Microsoft.KeyVault/vaults resource")]
    [InlineData("/subscriptions/sub1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x", "it names no resource group")]
    [InlineData("pool-identity", "it must start with '/'")]
    public void A_wrong_identity_id_says_a_user_assigned_identity_was_expected(string input, string reason)
    {
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => UserAssignedIdentityId.Parse(input));
        Assert.Equal($"'{input}' is not a Microsoft.ManagedIdentity/userAssignedIdentities resource id: {reason}. Expected {UserAssignedIdentityId.Shape}.", error.Message);
    }

    [Fact]
    public void Batch_pool_ids_parse_with_their_account()
    {
        var pool = BatchPoolId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/acct1/pools/pool_1");
        Assert.Equal("pool_1", pool.PoolName);
        Assert.Equal("acct1", pool.Account.AccountName);
        Assert.Equal("rg-1", pool.Account.ResourceGroupName);
        Assert.Equal("sub1", pool.Account.SubscriptionId);
        Assert.Equal(Rg + "/providers/Microsoft.Batch/batchAccounts/acct1", pool.Account.ToString());
        Assert.Equal(pool, pool.Account.Pool("POOL_1"));
    }

    [Fact]
    public void A_batch_account_id_is_not_a_pool_id()
    {
        var input = Rg + "/providers/Microsoft.Batch/batchAccounts/acct1";
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => BatchPoolId.Parse(input));
        Assert.Equal($"'{input}' is not a Microsoft.Batch/batchAccounts/pools resource id: it is a Microsoft.Batch/batchAccounts resource. Expected {BatchPoolId.Shape}.", error.Message);
    }

    [Fact]
    public void Names_inside_typed_ids_are_checked()
    {
        Expect.Error(RuleErrorIds.InvalidPoolName, () => BatchPoolId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/acct1/pools/pool.1"));
        Expect.Error(RuleErrorIds.InvalidBatchAccountName, () => BatchAccountId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/ac"));
        Expect.Error(RuleErrorIds.InvalidBatchAccountName, () => BatchAccountId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/acct-1"));
        Expect.Error(RuleErrorIds.InvalidKeyVaultName, () => KeyVaultId.Parse(Rg + "/providers/Microsoft.KeyVault/vaults/kv_1"));
        Expect.Error(RuleErrorIds.InvalidResourceGroupName, () => KeyVaultId.Parse("/subscriptions/s/resourceGroups/rg./providers/Microsoft.KeyVault/vaults/kv1"));
    }

    [Fact]
    public void An_existing_account_may_be_spelt_in_upper_case_in_an_id_but_a_new_name_may_not()
    {
        Assert.Equal("Acct1", BatchAccountId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/Acct1").AccountName);
        Expect.Error(RuleErrorIds.InvalidBatchAccountName, () => BatchAccountId.Create("sub1", "rg-1", "Acct1"));
        Assert.Equal(Rg + "/providers/Microsoft.Batch/batchAccounts/acct1", BatchAccountId.Create("sub1", "rg-1", "acct1").ToString());
    }

    [Fact]
    public void A_vault_id_gives_secret_scopes()
    {
        var vault = KeyVaultId.Parse(Rg + "/providers/Microsoft.KeyVault/vaults/kv1");
        Assert.Equal("kv1", vault.VaultName);
        Assert.Equal(Rg + "/providers/Microsoft.KeyVault/vaults/kv1/secrets/cert-1", vault.SecretScope("cert-1").Value);
        Assert.True(vault.Id.IsEqualOrParentOf(vault.SecretScope("cert-1")));
        Expect.Error(RuleErrorIds.InvalidCertificateUrl, () => vault.SecretScope("cert/1"));
    }
}
