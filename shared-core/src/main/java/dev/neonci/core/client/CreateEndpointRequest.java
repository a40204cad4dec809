package dev.neonci.core.client;

import java.util.Objects;

/** What to send as {@code POST /projects/{project_id}/endpoints}: a compute for a branch. */
public final class CreateEndpointRequest {

    private final String branchId;
    private final String type;
    private final Double autoscalingLimitMinCu;
    private final Double autoscalingLimitMaxCu;
    private final Integer suspendTimeoutSeconds;

    private CreateEndpointRequest(Builder b) {
        this.branchId = b.branchId;
        this.type = b.type;
        this.autoscalingLimitMinCu = b.autoscalingLimitMinCu;
        this.autoscalingLimitMaxCu = b.autoscalingLimitMaxCu;
        this.suspendTimeoutSeconds = b.suspendTimeoutSeconds;
    }

    /** A read_write endpoint for the branch (the only kind the lifecycle creates). */
    public static Builder builder(String branchId) {
        return new Builder(branchId);
    }

    public String branchId() { return branchId; }
    public String type() { return type; }
    public Double autoscalingLimitMinCu() { return autoscalingLimitMinCu; }
    public Double autoscalingLimitMaxCu() { return autoscalingLimitMaxCu; }
    public Integer suspendTimeoutSeconds() { return suspendTimeoutSeconds; }

    @Override
    public String toString() {
        return "CreateEndpointRequest[branchId=" + branchId + ", type=" + type + "]";
    }

    public static final class Builder {
        private final String branchId;
        private String type = Endpoint.READ_WRITE;
        private Double autoscalingLimitMinCu;
        private Double autoscalingLimitMaxCu;
        private Integer suspendTimeoutSeconds;

        private Builder(String branchId) {
            this.branchId = Objects.requireNonNull(branchId, "branchId");
        }

        /** {@code read_write} (default) or {@code read_only}. */
        public Builder type(String type) { this.type = Objects.requireNonNull(type, "type"); return this; }
        public Builder autoscalingLimits(Double minCu, Double maxCu) {
            this.autoscalingLimitMinCu = minCu;
            this.autoscalingLimitMaxCu = maxCu;
            return this;
        }
        public Builder suspendTimeoutSeconds(Integer seconds) { this.suspendTimeoutSeconds = seconds; return this; }

        public CreateEndpointRequest build() {
            return new CreateEndpointRequest(this);
        }
    }
}
