using BatchRotation.Emulator.KeyVault;
using BatchRotation.Emulator.State;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary>The vault contents survive the emulator's --state-file round trip and are dropped by reset.</summary>
public sealed class KeyVaultPersistenceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Vault_contents_round_trip_through_the_state_file_with_case_insensitive_names()
    {
        var vault = await emulator.NewVaultAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "Persisted");
        await emulator.RenewCertificateAsync(vault, "Persisted");
        var file = Path.Combine(Path.GetTempPath(), $"kv-state-{Guid.NewGuid():N}.json");
        try
        {
            StatePersistence.Save(emulator.Host.Runtime.State, file);
            var loaded = StatePersistence.Load(file)!;

            var contents = loaded.KeyVault.Vaults[vault.Name.ToUpperInvariant()];
            var entry = contents.Certificates["PERSISTED"];
            Assert.Equal(2, entry.Versions.Count);
            Assert.Equal(certificate.Version, entry.Versions[0].Version);
            Assert.Equal(certificate.Thumbprint, entry.Versions[0].Thumbprint);
            Assert.Equal("Self", CertificateFactory.IssuerName(entry.Policy));
            Assert.Equal(entry.Latest!.Version, contents.Secrets["persisted"].Latest!.Version);
            Assert.Equal(2, contents.Keys["persisted"].Versions.Count);
            Assert.False(string.IsNullOrEmpty(contents.Keys["persisted"].Versions[1].PrivateKeyPkcs8));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
