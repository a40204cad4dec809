package dev.neonci.core.client;

import java.time.Instant;
import java.util.Objects;

/**
 * What to send as {@code POST /projects/{project_id}/branches}: the branch, and (unless
 * {@link Builder#withoutEndpoint()}) one {@code read_write} endpoint, because without an endpoint Neon
 * creates no compute and the branch cannot be connected to.
 *
 * <p>The parent is an id here; resolving a parent <em>name</em> is the lifecycle's job (an exact lookup).
 */
public final class CreateBranchRequest {

    private final String name;
    private final String parentId;
    private final String parentLsn;
    private final Instant parentTimestamp;
    private final boolean schemaOnly;
    private final Instant expiresAt;
    private final boolean endpoint;
    private final Double autoscalingLimitMinCu;
    private final Double autoscalingLimitMaxCu;
    private final Integer suspendTimeoutSeconds;

    private CreateBranchRequest(Builder b) {
        this.name = b.name;
        this.parentId = b.parentId;
        this.parentLsn = b.parentLsn;
        this.parentTimestamp = b.parentTimestamp;
        this.schemaOnly = b.schemaOnly;
        this.expiresAt = b.expiresAt;
        this.endpoint = b.endpoint;
        this.autoscalingLimitMinCu = b.autoscalingLimitMinCu;
        this.autoscalingLimitMaxCu = b.autoscalingLimitMaxCu;
        this.suspendTimeoutSeconds = b.suspendTimeoutSeconds;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }
    /** Null means the project's default branch. */
    public String parentId() { return parentId; }
    public String parentLsn() { return parentLsn; }
    public Instant parentTimestamp() { return parentTimestamp; }
    /** {@code init_source: schema-only}. */
    public boolean schemaOnly() { return schemaOnly; }
    public Instant expiresAt() { return expiresAt; }
    /** Whether one read_write endpoint is requested with the branch (default true). */
    public boolean endpoint() { return endpoint; }
    public Double autoscalingLimitMinCu() { return autoscalingLimitMinCu; }
    public Double autoscalingLimitMaxCu() { return autoscalingLimitMaxCu; }
    public Integer suspendTimeoutSeconds() { return suspendTimeoutSeconds; }

    public Builder newBuilder() {
        Builder b = new Builder(name);
        b.parentId = parentId;
        b.parentLsn = parentLsn;
        b.parentTimestamp = parentTimestamp;
        b.schemaOnly = schemaOnly;
        b.expiresAt = expiresAt;
        b.endpoint = endpoint;
        b.autoscalingLimitMinCu = autoscalingLimitMinCu;
        b.autoscalingLimitMaxCu = autoscalingLimitMaxCu;
        b.suspendTimeoutSeconds = suspendTimeoutSeconds;
        return b;
    }

    @Override
    public String toString() {
        return "CreateBranchRequest[name=" + name + ", parentId=" + parentId + ", schemaOnly=" + schemaOnly
                + ", expiresAt=" + expiresAt + ", endpoint=" + endpoint + "]";
    }

    public static final class Builder {
        private final String name;
        private String parentId;
        private String parentLsn;
        private Instant parentTimestamp;
        private boolean schemaOnly;
        private Instant expiresAt;
        private boolean endpoint = true;
        private Double autoscalingLimitMinCu;
        private Double autoscalingLimitMaxCu;
        private Integer suspendTimeoutSeconds;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder parentId(String parentId) { this.parentId = parentId; return this; }
        public Builder parentLsn(String parentLsn) { this.parentLsn = parentLsn; return this; }
        public Builder parentTimestamp(Instant parentTimestamp) { this.parentTimestamp = parentTimestamp; return this; }
        public Builder schemaOnly(boolean schemaOnly) { this.schemaOnly = schemaOnly; return this; }
        public Builder expiresAt(Instant expiresAt) { this.expiresAt = expiresAt; return this; }
        public Builder withoutEndpoint() { this.endpoint = false; return this; }
        public Builder autoscalingLimits(Double minCu, Double maxCu) {
            this.autoscalingLimitMinCu = minCu;
            this.autoscalingLimitMaxCu = maxCu;
            return this;
        }
        /** -1..604800 per the spec; 0 = Neon's default, -1 = never suspend; null = omit. */
        public Builder suspendTimeoutSeconds(Integer seconds) { this.suspendTimeoutSeconds = seconds; return this; }

        public CreateBranchRequest build() {
            if (parentLsn != null && parentTimestamp != null) {
                throw new InvalidInputException("parent_lsn", "give either a parent LSN or a parent timestamp, not both");
            }
            return new CreateBranchRequest(this);
        }
    }
}
