package dev.neonci.core.http;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonTransportException;
import dev.neonci.core.testing.FakeTime;
import dev.neonci.core.wait.Deadline;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** Failures no retry can fix are reported at once, not retried until the deadline. */
class TlsFailureTest {

    final FakeTime time = new FakeTime();

    NeonClient client(String baseUrl) {
        return NeonClient.builder().apiKey("napi_tls_test_key_0123456789").baseUrl(baseUrl).clock(time).sleeper(time)
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), () -> 1.0)).build();
    }

    @Test
    void anUntrustedCertificateIsNotRetried() throws IOException {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory(), false);
            server.enqueue(new MockResponse().setBody("{}"));
            server.start();
            try (NeonClient c = client(server.url("/api/v2").toString())) {
                NeonTransportException e = assertThrows(NeonTransportException.class,
                        () -> c.withDeadline(Deadline.after(Duration.ofMinutes(10), time), null).getBranch("p-1", "br-1"));
                assertTrue(time.sleeps.isEmpty(), "not retried: " + time.sleeps);
                assertTrue(e.getMessage().startsWith("Could not talk to Neon at localhost for GET /projects/p-1/branches/br-1 (TLS handshake failed: PKIX path building failed"),
                        e.getMessage());
                assertFalse(e.getMessage().contains("\n"));
            }
        }
    }

    @Test
    void whatCountsAsPermanent() {
        assertTrue(RetryInterceptor.isPermanent(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message")));
        assertTrue(RetryInterceptor.isPermanent(new javax.net.ssl.SSLPeerUnverifiedException("Hostname x not verified")));
        assertTrue(RetryInterceptor.isPermanent(new java.net.ProtocolException("Unexpected status line")));
        assertTrue(RetryInterceptor.isPermanent(new RedirectRefusedException(301, "elsewhere")));
        assertFalse(RetryInterceptor.isPermanent(new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake")));
        assertFalse(RetryInterceptor.isPermanent(new java.net.SocketTimeoutException("timeout")));
        assertFalse(RetryInterceptor.isPermanent(new java.net.ConnectException("Connection refused")));
    }

    @Test
    void aHandshakeWithNoCipherSuiteInCommonIsNotRetried() throws IOException {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        try (MockWebServer mock = new MockWebServer()) {
            // The server only speaks a TLS 1.2 suite OkHttp never offers: every handshake ends in handshake_failure
            // (before any certificate is looked at, so the client need not trust it).
            mock.useHttps(new RestrictedSslSocketFactory(server.sslSocketFactory(),
                    new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"}), false);
            mock.enqueue(new MockResponse().setBody("{}"));
            mock.start();
            try (NeonClient c = NeonClient.builder().apiKey("napi_tls_test_key_0123456789")
                    .baseUrl(mock.url("/api/v2").toString()).clock(time).sleeper(time)
                    .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), () -> 1.0)).build()) {
                NeonTransportException e = assertThrows(NeonTransportException.class,
                        () -> c.withDeadline(Deadline.after(Duration.ofMinutes(10), time), null).getBranch("p-1", "br-1"));
                assertTrue(time.sleeps.isEmpty(), time.sleeps.size() + " retries: " + e.getMessage());
                assertTrue(e.getMessage().contains("(TLS handshake failed: Received fatal alert: handshake_failure)"), e.getMessage());
            }
        }
    }

    @Test
    void handshakeFailuresArePermanentUnlessTheConnectionBroke() {
        assertTrue(RetryInterceptor.isPermanent(new javax.net.ssl.SSLHandshakeException("no cipher suites in common")));
        assertTrue(RetryInterceptor.isPermanent(new javax.net.ssl.SSLHandshakeException("Received fatal alert: handshake_failure")));
        assertTrue(RetryInterceptor.isPermanent(new javax.net.ssl.SSLHandshakeException("Received fatal alert: protocol_version")));
        javax.net.ssl.SSLHandshakeException eof = new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake");
        eof.initCause(new java.io.EOFException("SSL peer shut down incorrectly"));
        assertFalse(RetryInterceptor.isPermanent(eof));
        javax.net.ssl.SSLHandshakeException reset = new javax.net.ssl.SSLHandshakeException("handshake interrupted");
        reset.initCause(new java.net.SocketException("Connection reset"));
        assertFalse(RetryInterceptor.isPermanent(reset));
        javax.net.ssl.SSLHandshakeException timeout = new javax.net.ssl.SSLHandshakeException("handshake timed out");
        timeout.initCause(new java.net.SocketTimeoutException("Read timed out"));
        assertFalse(RetryInterceptor.isPermanent(timeout));
        // Not a handshake failure: a TLS record error on an established connection stays retryable.
        assertFalse(RetryInterceptor.isPermanent(new javax.net.ssl.SSLException("Tag mismatch")));
    }

    /** Server sockets limited to the given protocols and cipher suites. */
    static final class RestrictedSslSocketFactory extends javax.net.ssl.SSLSocketFactory {
        private final javax.net.ssl.SSLSocketFactory delegate;
        private final String[] protocols;
        private final String[] suites;

        RestrictedSslSocketFactory(javax.net.ssl.SSLSocketFactory delegate, String[] protocols, String[] suites) {
            this.delegate = delegate;
            this.protocols = protocols;
            this.suites = suites;
        }

        private java.net.Socket restrict(java.net.Socket s) {
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) s;
            ssl.setEnabledProtocols(protocols);
            ssl.setEnabledCipherSuites(suites);
            return ssl;
        }

        @Override public String[] getDefaultCipherSuites() { return suites; }
        @Override public String[] getSupportedCipherSuites() { return delegate.getSupportedCipherSuites(); }
        @Override public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(s, host, port, autoClose));
        }
        @Override public java.net.Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }
        @Override public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, local, localPort));
        }
        @Override public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }
        @Override public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local, int localPort) throws IOException {
            return restrict(delegate.createSocket(address, port, local, localPort));
        }
    }

    @Test
    void anUnknownHostIsRetriedOnlyTwice() {
        try (NeonClient c = client("https://no-such-host.invalid/api/v2")) {
            NeonTransportException e = assertThrows(NeonTransportException.class,
                    () -> c.withDeadline(Deadline.after(Duration.ofMinutes(10), time), null).getBranch("p-1", "br-1"));
            assertEquals(2, time.sleeps.size());
            assertTrue(e.getMessage().contains("(unknown host no-such-host.invalid"), e.getMessage());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
    }
}
