package dev.neonci.core.http;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failed CI step explains itself in words: no Java class name in what a user reads. */
class IoFailuresTest {

    @Test
    void describesCommonFailuresWithoutClassNames() {
        assertEquals("could not connect: Failed to connect to /127.0.0.1:1",
                IoFailures.describe(new java.net.ConnectException("Failed to connect to /127.0.0.1:1")));
        assertEquals("unknown host console.neon.tecj: Name or service not known",
                IoFailures.describe(new java.net.UnknownHostException("console.neon.tecj: Name or service not known")));
        assertEquals("timed out", IoFailures.describe(new java.net.SocketTimeoutException("timeout")).replace(": timeout", ""));
        assertEquals("TLS handshake failed: PKIX path building failed: unable to find valid certification path to requested target",
                IoFailures.describe(new SSLHandshakeException("PKIX path building failed: "
                        + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target")));
        assertEquals("connection closed", IoFailures.describe(new java.io.EOFException()));
        assertEquals("I/O error: unexpected end of stream on http://127.0.0.1:4010/...",
                IoFailures.describe(new IOException("unexpected end of stream on http://127.0.0.1:4010/...")));
    }

    @Test
    void neverNamesAnExceptionClass() {
        IOException[] samples = {
            new IOException("java.lang.IllegalStateException: boom"),
            new javax.net.ssl.SSLException("javax.net.ssl.SSLHandshakeException: Remote host terminated"),
            new java.net.SocketException("Connection reset"),
            new IOException((String) null),
        };
        for (IOException e : samples) {
            String d = IoFailures.describe(e);
            assertFalse(d.contains("Exception") || d.contains("Error:"), d);
            assertFalse(d.isBlank());
        }
    }
}
