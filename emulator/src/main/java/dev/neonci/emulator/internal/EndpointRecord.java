package dev.neonci.emulator.internal;

import java.time.Instant;

/**
 * A compute endpoint. Mutable, touched only under the {@link ProjectStore} lock. Its {@code current_state}
 * follows {@link #startOperationId}: "init" while the start_compute operation runs, "active" once it
 * finished, "idle" if it failed or the endpoint was suspended.
 */
final class EndpointRecord {
    final String id;
    final String projectId;
    final String branchId;
    final String type;
    final String host;
    final double minCu;
    final double maxCu;
    final long suspendTimeoutSeconds;
    final Instant createdAt;
    final long sequence;

    Instant updatedAt;
    String startOperationId;
    boolean suspended;
    boolean deleted;

    EndpointRecord(String id, String projectId, String branchId, String type, String host, double minCu, double maxCu,
                   long suspendTimeoutSeconds, Instant createdAt, long sequence) {
        this.id = id;
        this.projectId = projectId;
        this.branchId = branchId;
        this.type = type;
        this.host = host;
        this.minCu = minCu;
        this.maxCu = maxCu;
        this.suspendTimeoutSeconds = suspendTimeoutSeconds;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.sequence = sequence;
    }
}
