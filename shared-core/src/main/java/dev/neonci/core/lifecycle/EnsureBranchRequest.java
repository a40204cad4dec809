package dev.neonci.core.lifecycle;

import dev.neonci.core.client.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link BranchLifecycle#ensureBranch} should make exist. Only {@code branchName} is required; the
 * creation options (parent, schema-only, expiry, compute size) apply only when the branch is created,
 * not when an existing one is reused.
 */
public final class EnsureBranchRequest {

    private final String branchName;
    private final String parent;
    private final String parentLsn;
    private final Instant parentTimestamp;
    private final ConnectionOptions connection;
    private final boolean schemaOnly;
    private final Instant expiresAt;
    private final Integer suspendTimeoutSeconds;
    private final Double minCu;
    private final Double maxCu;

    private EnsureBranchRequest(Builder b) {
        this.branchName = b.branchName;
        this.parent = b.parent;
        this.parentLsn = b.parentLsn;
        this.parentTimestamp = b.parentTimestamp;
        this.connection = ConnectionOptions.builder().database(b.database).role(b.role).sslMode(b.sslMode).build();
        this.schemaOnly = b.schemaOnly;
        this.expiresAt = b.expiresAt;
        this.suspendTimeoutSeconds = b.suspendTimeoutSeconds;
        this.minCu = b.minCu;
        this.maxCu = b.maxCu;
    }

    public static Builder builder(String branchName) {
        return new Builder(branchName);
    }

    public String branchName() { return branchName; }
    /** Parent branch name or id; null = the project's default branch. */
    public String parent() { return parent; }
    public String parentLsn() { return parentLsn; }
    public Instant parentTimestamp() { return parentTimestamp; }
    public String database() { return connection.database(); }
    public String role() { return connection.role(); }
    public SslMode sslMode() { return connection.sslMode(); }
    /** Role, database and sslmode as one value. */
    public ConnectionOptions connectionOptions() { return connection; }
    public boolean schemaOnly() { return schemaOnly; }
    public Instant expiresAt() { return expiresAt; }
    public Integer suspendTimeoutSeconds() { return suspendTimeoutSeconds; }
    public Double minCu() { return minCu; }
    public Double maxCu() { return maxCu; }

    @Override
    public String toString() {
        return "EnsureBranchRequest[branchName=" + branchName + ", parent=" + parent + ", " + connection
                + ", schemaOnly=" + schemaOnly + ", expiresAt=" + expiresAt + "]";
    }

    public static final class Builder {
        private final String branchName;
        private String parent;
        private String parentLsn;
        private Instant parentTimestamp;
        private String database;
        private String role;
        private SslMode sslMode = SslMode.REQUIRE;
        private boolean schemaOnly;
        private Instant expiresAt;
        private Integer suspendTimeoutSeconds;
        private Double minCu;
        private Double maxCu;

        private Builder(String branchName) {
            if (branchName == null || branchName.isBlank()) {
                throw new InvalidInputException("branch_name", "is empty (expected a branch name of 1 to 256 characters)");
            }
            String name = branchName.trim();
            if (name.length() > 256) {
                throw new InvalidInputException("branch_name", "is " + name.length() + " characters long (expected at most 256)");
            }
            this.branchName = name;
        }

        /** Parent branch name or id (a name is resolved by exact match); null = project default branch. */
        public Builder parent(String nameOrId) { this.parent = ConnectionOptions.blankToNull(nameOrId); return this; }
        /** Branch from this LSN of the parent (point in time). */
        public Builder parentLsn(String lsn) { this.parentLsn = ConnectionOptions.blankToNull(lsn); return this; }
        /** Branch from this time on the parent (point in time). */
        public Builder parentTimestamp(Instant at) { this.parentTimestamp = at; return this; }
        public Builder database(String database) { this.database = database; return this; }
        public Builder role(String role) { this.role = role; return this; }
        public Builder sslMode(SslMode sslMode) { this.sslMode = Objects.requireNonNull(sslMode, "sslMode"); return this; }
        /** Create with {@code init_source: schema-only} (no data copied). */
        public Builder schemaOnly(boolean schemaOnly) { this.schemaOnly = schemaOnly; return this; }
        /** Neon deletes the branch at this time (max 30 days ahead); null = never. */
        public Builder expiresAt(Instant expiresAt) { this.expiresAt = expiresAt; return this; }
        /** Compute suspend timeout; null = Neon's default. */
        public Builder suspendTimeoutSeconds(Integer seconds) { this.suspendTimeoutSeconds = seconds; return this; }
        /** Compute size limits in CU (min 0.25); null = Neon's defaults. */
        public Builder autoscalingLimits(Double minCu, Double maxCu) {
            this.minCu = minCu;
            this.maxCu = maxCu;
            return this;
        }

        public EnsureBranchRequest build() {
            if (minCu != null && maxCu != null && minCu > maxCu) {
                throw new InvalidInputException("autoscaling_limit_min_cu",
                        minCu + " is larger than autoscaling_limit_max_cu " + maxCu + " (expected min <= max)");
            }
            if (parentLsn != null && parentTimestamp != null) {
                throw new InvalidInputException("parent_lsn", "give either a parent LSN or a parent timestamp, not both");
            }
            return new EnsureBranchRequest(this);
        }
    }
}
