package io.jenkins.plugins.neonci.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.SslMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchResultsTest {

    private static final String PASSWORD = "npg_s3cr3tPassw0rd";

    private static BranchConnection connection(Instant expiresAt) {
        return BranchConnection.builder()
                .branchId("br-cool-darkness-123456")
                .branchName("ci/my-job/42")
                .created(true)
                .endpointId("ep-aged-band-123456")
                .host("ep-aged-band-123456.us-east-2.aws.neon.tech")
                .poolerHost("ep-aged-band-123456-pooler.us-east-2.aws.neon.tech")
                .role("neondb_owner")
                .database("neondb")
                .password(PASSWORD)
                .sslMode(SslMode.VERIFY_FULL)
                .expiresAt(expiresAt)
                .build();
    }

    @Test
    void nonSecretFieldsOnly() {
        BranchConnection c = connection(Instant.parse("2026-11-24T12:00:00Z"));
        Map<String, Object> m = BranchResults.toMap(c);
        assertEquals(List.of("branchId", "branchName", "created", "endpointId", "host", "poolerHost", "database",
                "role", "sslMode", "expiresAt"), List.copyOf(m.keySet()));
        assertEquals("br-cool-darkness-123456", m.get("branchId"));
        assertEquals("ci/my-job/42", m.get("branchName"));
        assertEquals(Boolean.TRUE, m.get("created"));
        assertEquals("ep-aged-band-123456-pooler.us-east-2.aws.neon.tech", m.get("poolerHost"));
        assertEquals("verify-full", m.get("sslMode"));
        assertEquals("2026-11-24T12:00:00Z", m.get("expiresAt"));
        for (Object v : m.values()) {
            assertTrue(v instanceof String || v instanceof Boolean, "only JDK types: " + v);
            assertFalse(String.valueOf(v).contains(PASSWORD), "no password");
            assertFalse(String.valueOf(v).contains("postgresql://"), "no connection URI");
        }
    }

    @Test
    void noExpiry() {
        assertNull(BranchResults.toMap(connection(null)).get("expiresAt"));
    }
}
