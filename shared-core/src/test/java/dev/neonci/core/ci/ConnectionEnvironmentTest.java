package dev.neonci.core.ci;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.lifecycle.BranchConnection;
import dev.neonci.core.lifecycle.SslMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionEnvironmentTest {

    static BranchConnection connection(SslMode mode) {
        return BranchConnection.builder()
                .branchId("br-1").branchName("ci/42").created(true).endpointId("ep-1")
                .host("ep-1.us-east-2.aws.neon.tech").poolerHost("ep-1-pooler.us-east-2.aws.neon.tech")
                .role("app user").database("my db").password("p@ss:w/rd")
                .sslMode(mode).expiresAt(Instant.parse("2026-01-02T00:00:00Z")).timeToReady(Duration.ofSeconds(3))
                .build();
    }

    @Test
    void variablesInOrderWithSecretsMarked() {
        BranchConnection c = connection(SslMode.REQUIRE);
        ConnectionEnvironment env = ConnectionEnvironment.of(c);
        assertEquals(List.of("DATABASE_URL", "DATABASE_URL_POOLED", "PGHOST", "PGUSER", "PGPASSWORD", "PGDATABASE",
                "PGSSLMODE", "NEON_BRANCH_ID", "NEON_BRANCH_NAME"), List.copyOf(env.variables().keySet()));
        assertEquals("postgresql://app%20user:p%40ss%3Aw%2Frd@ep-1.us-east-2.aws.neon.tech/my%20db?sslmode=require",
                env.variables().get("DATABASE_URL"));
        assertEquals("postgresql://app%20user:p%40ss%3Aw%2Frd@ep-1-pooler.us-east-2.aws.neon.tech/my%20db?sslmode=require",
                env.variables().get("DATABASE_URL_POOLED"));
        assertEquals("app user", env.variables().get("PGUSER"));
        assertEquals("p@ss:w/rd", env.variables().get("PGPASSWORD"));
        assertEquals("require", env.variables().get("PGSSLMODE"));
        assertEquals("br-1", env.variables().get("NEON_BRANCH_ID"));
        assertEquals("ci/42", env.variables().get("NEON_BRANCH_NAME"));
        assertEquals(Set.of("DATABASE_URL", "DATABASE_URL_POOLED", "PGPASSWORD"), env.secretNames());
        assertEquals(Set.of("p@ss:w/rd", "p%40ss%3Aw%2Frd", c.dbUrl(), c.dbUrlPooled()), env.secretValues());
        assertThrows(UnsupportedOperationException.class, () -> env.variables().put("X", "y"));
        assertFalse(env.toString().contains("p@ss"));
    }

    @Test
    void sslModes() {
        assertTrue(connection(SslMode.VERIFY_FULL).dbUrl().endsWith("?sslmode=verify-full"));
        BranchConnection omit = connection(SslMode.OMIT);
        assertTrue(omit.dbUrl().endsWith("/my%20db"), omit.dbUrl().replace("p%40ss%3Aw%2Frd", "****"));
        assertFalse(ConnectionEnvironment.of(omit).variables().containsKey("PGSSLMODE"));
        assertEquals(SslMode.VERIFY_CA, SslMode.parse("ssl", " Verify_CA "));
        assertEquals(SslMode.REQUIRE, SslMode.parse("ssl", null));
        assertEquals("ssl: \"prefer\" is not a valid SSL mode (expected require, verify-ca, verify-full or omit)",
                assertThrows(dev.neonci.core.client.InvalidInputException.class, () -> SslMode.parse("ssl", "prefer")).getMessage());
    }

    @Test
    void branchConnectionToStringMasksPasswordAndUrls() {
        BranchConnection c = connection(SslMode.REQUIRE);
        String s = c.toString();
        assertFalse(s.contains("p@ss"), s);
        assertFalse(s.contains("p%40ss"), s);
        assertFalse(s.contains("postgresql://"), s);
        assertTrue(s.contains("password=****"));
        assertTrue(s.contains("branchName=ci/42"));
        assertEquals(c.dbUrl(), c.newBuilder().build().dbUrl());
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), c.expiresAt().orElseThrow());
    }
}
