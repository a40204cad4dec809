package dev.neonci.core.client;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.http.TransportSafety;
import org.junit.jupiter.api.Test;

class NeonClientBuilderTest {

    @Test
    void aBlankKeyIsRefusedNamingTheInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NeonClient.builder().apiKey(" ").build());
        assertEquals("api_key", e.input());
        assertEquals("api_key: is empty (expected a Neon API key)", e.getMessage());
        assertThrows(InvalidInputException.class, () -> NeonClient.builder().build());
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeonClient.builder().apiKey("abc def-secret").build());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void plainHttpIsRefusedUnlessLoopback() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeonClient.builder().apiKey("k").baseUrl("http://neon.example.com/api/v2").build());
        assertEquals("api_host", e.input());
        assertTrue(e.getMessage().startsWith("api_host: \"http://neon.example.com/api/v2\" uses plain http://"), e.getMessage());
        for (String ok : new String[] {"http://localhost:4010/api/v2", "http://127.0.0.1/api/v2", "http://127.1.2.3:80/x",
                "http://[::1]:4010/api/v2", "https://console.neon.tech/api/v2", "https://neon.example.com/api/v2"}) {
            NeonClient c = NeonClient.builder().apiKey("k").baseUrl(ok).build();
            c.close();
        }
        for (String bad : new String[] {"http://128.0.0.1/", "http://127.0.0.1.evil.com/", "http://localhost.evil.com/",
                "http://[::2]/", "ftp://localhost/", "console.neon.tech", "https://user:pw@console.neon.tech/api/v2",
                "https://console.neon.tech/api/v2?x=1"}) {
            assertThrows(InvalidInputException.class, () -> NeonClient.builder().apiKey("k").baseUrl(bad).build(), bad);
        }
    }

    @Test
    void credentialsInTheUrlAreNotEchoed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeonClient.builder().apiKey("k").baseUrl("https://me:hunter2@console.neon.tech/api/v2").build());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aValueThatIsNotEvenUrlShapedIsNotEchoed() {
        // The API key pasted into api_host (inputs swapped): only the key's own input is masked by the action.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeonClient.builder().apiKey("https://console.neon.tech/api/v2").baseUrl("napi_s3cr3tkey").build());
        assertEquals("api_host", e.input());
        assertTrue(e.getMessage().startsWith("api_host: is not a URL (expected an https:// URL"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        // A URL-shaped value is shown, so the user sees what is wrong with it.
        InvalidInputException shown = assertThrows(InvalidInputException.class,
                () -> NeonClient.builder().apiKey("k").baseUrl("https://exa mple.com/api/v2").build());
        assertTrue(shown.getMessage().contains("\"https://exa mple.com/api/v2\" is not a valid URL"), shown.getMessage());
    }

    @Test
    void loopbackDetectionUsesTheLiteralHostOnly() {
        assertTrue(TransportSafety.isLoopback("127.0.0.1"));
        assertTrue(TransportSafety.isLoopback("127.255.255.254"));
        assertTrue(TransportSafety.isLoopback("LOCALHOST"));
        assertTrue(TransportSafety.isLoopback("::1"));
        assertFalse(TransportSafety.isLoopback("127.0.0.256"));
        assertFalse(TransportSafety.isLoopback("10.0.0.1"));
        assertFalse(TransportSafety.isLoopback("localtest.me"));
    }

    @Test
    void toStringMasksTheKey() {
        try (NeonClient c = NeonClient.builder().apiKey("napi_supersecretkey").userAgentProduct("github-action").build()) {
            assertFalse(c.toString().contains("supersecret"), c.toString());
            assertTrue(c.toString().contains("apiKey=****"));
            assertEquals("neon-ci/" + NeonClient.VERSION + " (github-action)", c.userAgent());
            assertEquals("https://console.neon.tech/api/v2", c.baseUrl().toString());
        }
    }
}
