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
                assertTrue(e.getMessage().startsWith("Could not talk to Neon at localhost for GET /projects/p-1/branches/br-1 (SSLHandshakeException"),
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
    void anUnknownHostIsRetriedOnlyTwice() {
        try (NeonClient c = client("https://no-such-host.invalid/api/v2")) {
            NeonTransportException e = assertThrows(NeonTransportException.class,
                    () -> c.withDeadline(Deadline.after(Duration.ofMinutes(10), time), null).getBranch("p-1", "br-1"));
            assertEquals(2, time.sleeps.size());
            assertTrue(e.getMessage().contains("UnknownHostException"), e.getMessage());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
    }
}
