package dev.neonci.core.client;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;

/**
 * A Neon branch, with the spec's field names ({@code Branch} schema). Only the fields the core uses are
 * mapped; unknown fields are ignored so that Neon can add fields freely.
 *
 * @param currentState a plain string in the spec (documented values {@code init}, {@code resetting},
 *                     {@code ready}, {@code archived}); kept as a string so a new state is not a parse error
 */
public record Branch(
        String id,
        String projectId,
        String parentId,
        String parentLsn,
        Instant parentTimestamp,
        String name,
        String currentState,
        String pendingState,
        @SerializedName("default") boolean isDefault,
        @SerializedName("protected") boolean isProtected,
        String initSource,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        Instant lastResetAt) {

    /** True while the branch is being created or reset ({@code init}, {@code resetting}, or a pending state). */
    public boolean isTransitional() {
        return (pendingState != null && !pendingState.isEmpty())
                || "init".equals(currentState) || "resetting".equals(currentState);
    }

    /** A root branch has no parent and cannot be reset to one. */
    public boolean isRoot() {
        return parentId == null || parentId.isEmpty();
    }
}
