package dev.neonci.emulator.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A branch as the store holds it. Mutable, but only ever touched under the {@link ProjectStore} lock.
 * Its {@code current_state} is derived from {@link #stateOperationId}: while that operation runs the
 * branch is {@link #transitionalState} ("init" after create, "resetting" during restore), afterwards "ready".
 */
final class BranchRecord {
    final String id;
    final String projectId;
    final String parentId;
    final String parentLsn;
    final String parentTimestamp;
    final String initSource;
    final boolean isDefault;
    final Instant createdAt;
    final long sequence;
    final Map<String, String> annotation = new LinkedHashMap<>();

    String name;
    boolean isProtected;
    Instant expiresAt;
    Instant updatedAt;
    Instant lastResetAt;
    Instant deletedAt;
    String stateOperationId;
    String transitionalState = "init";

    BranchRecord(String id, String projectId, String name, String parentId, String parentLsn, String parentTimestamp,
                 String initSource, boolean isDefault, boolean isProtected, Instant expiresAt, Instant createdAt,
                 long sequence) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.parentId = parentId;
        this.parentLsn = parentLsn;
        this.parentTimestamp = parentTimestamp;
        this.initSource = initSource;
        this.isDefault = isDefault;
        this.isProtected = isProtected;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.sequence = sequence;
    }

    boolean deleted() {
        return deletedAt != null;
    }
}
