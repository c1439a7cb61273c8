using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

/// <summary>
/// The transport from <see cref="AzureTransportFactory"/> against a real TLS handshake on loopback: the pinned
/// certificate is accepted, another one refused.
/// </summary>
public class PinnedTransportTlsTests
{
    [Fact]
    public async Task TalksToAServerPresentingThePinnedCertificate()
    {
        using var serverCert = TestCertificates.SelfSigned();
        using var server = new TinyHttpsServer(serverCert);
        var endpoint = new Uri($"https://127.0.0.1:{server.Port}/");
        var transport = AzureTransportFactory.Create(new PinnedCertificateTrust(serverCert, new[] { endpoint }));

        var status = await SendAsync(transport, new Uri(endpoint, "ping"));

        Assert.Equal(200, status);
        Assert.Equal("GET /ping", server.FirstRequestLine);
    }

    [Fact]
    public async Task RefusesAServerPresentingAnotherCertificate()
    {
        using var serverCert = TestCertificates.SelfSigned();
        using var pinned = TestCertificates.SelfSigned();
        using var server = new TinyHttpsServer(serverCert);
        var endpoint = new Uri($"https://127.0.0.1:{server.Port}/");
        var transport = AzureTransportFactory.Create(new PinnedCertificateTrust(pinned, new[] { endpoint }));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(transport, new Uri(endpoint, "ping")));
        Assert.Contains(Flatten(ex), e => e is System.Security.Authentication.AuthenticationException);
        Assert.Null(server.FirstRequestLine);
    }

    [Fact]
    public async Task WithoutAPinTheSelfSignedServerIsRefused()
    {
        using var serverCert = TestCertificates.SelfSigned();
        using var server = new TinyHttpsServer(serverCert);
        var transport = AzureTransportFactory.Create(null);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(transport, new Uri($"https://127.0.0.1:{server.Port}/ping")));
        Assert.Contains(Flatten(ex), e => e is System.Security.Authentication.AuthenticationException);
    }

    [Fact]
    public async Task ThePinDoesNotApplyToAnotherPortOfTheSameHost()
    {
        using var serverCert = TestCertificates.SelfSigned();
        using var server = new TinyHttpsServer(serverCert);
        var pinnedEndpoint = new Uri($"https://127.0.0.1:{(server.Port == 1 ? 2 : server.Port - 1)}/");
        var transport = AzureTransportFactory.Create(new PinnedCertificateTrust(serverCert, new[] { pinnedEndpoint }));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(transport, new Uri($"https://127.0.0.1:{server.Port}/ping")));
        Assert.Contains(Flatten(ex), e => e is System.Security.Authentication.AuthenticationException);
    }

    private static async Task<int> SendAsync(HttpPipelineTransport transport, Uri uri)
    {
        var pipeline = new HttpPipeline(transport);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(uri);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await pipeline.SendAsync(message, cts.Token);
        return message.Response.Status;
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var e = ex; e != null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>Answers one HTTPS request with 200 "{}" on a free loopback port.</summary>
    private sealed class TinyHttpsServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly Task _loop;

        public TinyHttpsServer(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public string? FirstRequestLine { get; private set; }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    try
                    {
                        using var ssl = new SslStream(client.GetStream(), false);
                        await ssl.AuthenticateAsServerAsync(_certificate, false, false);
                        var buffer = new byte[4096];
                        var read = await ssl.ReadAsync(buffer);
                        if (read == 0)
                        {
                            continue; // The client closed the connection after refusing the certificate (TLS 1.3).
                        }

                        var text = Encoding.ASCII.GetString(buffer, 0, read);
                        var line = text.Split("\r\n")[0];
                        FirstRequestLine ??= string.Join(" ", line.Split(' ').Take(2));
                        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                        await ssl.WriteAsync(response);
                        await ssl.FlushAsync();
                    }
                    catch (Exception ex) when (ex is IOException || ex is System.Security.Authentication.AuthenticationException)
                    {
                        // The client refused the handshake: expected in the refusal tests.
                    }
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException)
            {
                // Listener stopped.
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
