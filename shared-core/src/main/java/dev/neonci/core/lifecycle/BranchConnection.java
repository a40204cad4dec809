package dev.neonci.core.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ready branch and how to connect to it. Immutable.
 *
 * <p>The URIs are built here from host, role, password and database rather than fetched from Neon's
 * {@code connection_uri}: that saves two API calls per branch (the password is revealed once, not once per
 * URI), the role and database parts are percent-encoded correctly for any name, {@code sslmode} is the
 * user's choice, and the pooled host follows Neon's documented {@code -pooler} convention, which is what
 * {@code connection_uri?pooled=true} does too. Format:
 * {@code postgresql://<role>:<password>@<host>/<database>?sslmode=require}.
 *
 * <p>{@link #password()}, {@link #dbUrl()} and {@link #dbUrlPooled()} are secrets; {@link #toString()}
 * masks them.
 */
public final class BranchConnection {

    private final String branchId;
    private final String branchName;
    private final boolean created;
    private final String endpointId;
    private final String host;
    private final String poolerHost;
    private final String role;
    private final String database;
    private final String password;
    private final SslMode sslMode;
    private final Instant expiresAt;
    private final Duration timeToReady;
    private final String dbUrl;
    private final String dbUrlPooled;

    private BranchConnection(Builder b) {
        this.branchId = require(b.branchId, "branchId");
        this.branchName = require(b.branchName, "branchName");
        this.created = b.created;
        this.endpointId = require(b.endpointId, "endpointId");
        this.host = require(b.host, "host");
        this.poolerHost = b.poolerHost != null ? b.poolerHost : host;
        this.role = require(b.role, "role");
        this.database = require(b.database, "database");
        this.password = Objects.requireNonNull(b.password, "password");
        this.sslMode = Objects.requireNonNull(b.sslMode, "sslMode");
        this.expiresAt = b.expiresAt;
        this.timeToReady = b.timeToReady == null ? Duration.ZERO : b.timeToReady;
        this.dbUrl = uri(host);
        this.dbUrlPooled = uri(poolerHost);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String branchId() { return branchId; }
    public String branchName() { return branchName; }
    /** True if this call created the branch, false if it already existed. */
    public boolean created() { return created; }
    /** The read_write endpoint connected to. */
    public String endpointId() { return endpointId; }
    public String host() { return host; }
    /** The connection pooler's host (PgBouncer), {@code <endpoint>-pooler.…}. */
    public String poolerHost() { return poolerHost; }
    public String role() { return role; }
    public String database() { return database; }
    /** Secret. */
    public String password() { return password; }
    public SslMode sslMode() { return sslMode; }
    /** Secret: contains the password. */
    public String dbUrl() { return dbUrl; }
    /** Secret: contains the password. */
    public String dbUrlPooled() { return dbUrlPooled; }
    /** When Neon will delete the branch, if it has an expiry. */
    public Optional<Instant> expiresAt() { return Optional.ofNullable(expiresAt); }
    /** How long the lifecycle call took until the branch was usable. */
    public Duration timeToReady() { return timeToReady; }

    public Builder newBuilder() {
        return new Builder().branchId(branchId).branchName(branchName).created(created).endpointId(endpointId)
                .host(host).poolerHost(poolerHost).role(role).database(database).password(password)
                .sslMode(sslMode).expiresAt(expiresAt).timeToReady(timeToReady);
    }

    /** Masks the password and both URIs. */
    @Override
    public String toString() {
        return "BranchConnection[branchId=" + branchId + ", branchName=" + branchName + ", created=" + created
                + ", endpointId=" + endpointId + ", host=" + host + ", poolerHost=" + poolerHost + ", role=" + role
                + ", database=" + database + ", password=****, sslMode=" + sslMode + ", dbUrl=****, dbUrlPooled=****"
                + ", expiresAt=" + expiresAt + ", timeToReady=" + timeToReady + "]";
    }

    private String uri(String h) {
        StringBuilder sb = new StringBuilder("postgresql://")
                .append(encode(role)).append(':').append(encode(password))
                .append('@').append(h).append('/').append(encode(database));
        if (sslMode.value() != null) {
            sb.append("?sslmode=").append(sslMode.value());
        }
        return sb.toString();
    }

    /**
     * Percent-encodes everything but RFC 3986 unreserved characters. Not {@code URLEncoder}: that is form
     * encoding, which writes a space as {@code +}, and libpq would read a literal plus.
     */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static String require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    public static final class Builder {
        private String branchId;
        private String branchName;
        private boolean created;
        private String endpointId;
        private String host;
        private String poolerHost;
        private String role;
        private String database;
        private String password;
        private SslMode sslMode = SslMode.REQUIRE;
        private Instant expiresAt;
        private Duration timeToReady;

        private Builder() {
        }

        public Builder branchId(String v) { this.branchId = v; return this; }
        public Builder branchName(String v) { this.branchName = v; return this; }
        public Builder created(boolean v) { this.created = v; return this; }
        public Builder endpointId(String v) { this.endpointId = v; return this; }
        public Builder host(String v) { this.host = v; return this; }
        /** Default: the host itself. */
        public Builder poolerHost(String v) { this.poolerHost = v; return this; }
        public Builder role(String v) { this.role = v; return this; }
        public Builder database(String v) { this.database = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder sslMode(SslMode v) { this.sslMode = v; return this; }
        public Builder expiresAt(Instant v) { this.expiresAt = v; return this; }
        public Builder timeToReady(Duration v) { this.timeToReady = v; return this; }

        public BranchConnection build() {
            return new BranchConnection(this);
        }
    }
}
