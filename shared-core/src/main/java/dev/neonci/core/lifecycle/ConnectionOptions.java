package dev.neonci.core.lifecycle;

import java.util.Objects;

/**
 * Which role and database to connect as, and the sslmode of the URIs. Null role/database = automatic:
 * the branch's only role (or the owner of its only database) and its only database, else Neon's defaults
 * {@code neondb_owner} / {@code neondb}.
 */
public final class ConnectionOptions {

    private static final ConnectionOptions DEFAULTS = builder().build();

    private final String database;
    private final String role;
    private final SslMode sslMode;

    private ConnectionOptions(Builder b) {
        this.database = b.database;
        this.role = b.role;
        this.sslMode = b.sslMode;
    }

    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Null = automatic. */
    public String database() {
        return database;
    }

    /** Null = automatic. */
    public String role() {
        return role;
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public Builder newBuilder() {
        return new Builder().database(database).role(role).sslMode(sslMode);
    }

    @Override
    public String toString() {
        return "ConnectionOptions[database=" + database + ", role=" + role + ", sslMode=" + sslMode + "]";
    }

    public static final class Builder {
        private String database;
        private String role;
        private SslMode sslMode = SslMode.REQUIRE;

        private Builder() {
        }

        public Builder database(String database) {
            this.database = blankToNull(database);
            return this;
        }

        public Builder role(String role) {
            this.role = blankToNull(role);
            return this;
        }

        public Builder sslMode(SslMode sslMode) {
            this.sslMode = Objects.requireNonNull(sslMode, "sslMode");
            return this;
        }

        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
