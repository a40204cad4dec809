package dev.neonci.core.client;

import java.time.Instant;

/**
 * A compute endpoint ({@code Endpoint} schema). {@code type} is {@code read_write} or {@code read_only};
 * {@code currentState}/{@code pendingState} are {@code init}, {@code active} or {@code idle}.
 */
public record Endpoint(
        String id,
        String host,
        String projectId,
        String branchId,
        String type,
        String currentState,
        String pendingState,
        Double autoscalingLimitMinCu,
        Double autoscalingLimitMaxCu,
        Long suspendTimeoutSeconds,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {

    public static final String READ_WRITE = "read_write";

    public boolean isReadWrite() {
        return READ_WRITE.equals(type);
    }

    /**
     * True while the endpoint is being set up or changes state. {@code idle} is not transitional: a
     * suspended compute wakes on the first connection, so it is usable.
     */
    public boolean isTransitional() {
        return (pendingState != null && !pendingState.isEmpty()) || "init".equals(currentState);
    }

    /**
     * The pooled host by Neon's convention: the endpoint id gets a {@code -pooler} suffix in the first
     * DNS label ({@code ep-x-123.region.aws.neon.tech} becomes {@code ep-x-123-pooler.region.aws.neon.tech}).
     */
    public String poolerHost() {
        if (host == null) {
            return null;
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host + "-pooler" : host.substring(0, dot) + "-pooler" + host.substring(dot);
    }
}
