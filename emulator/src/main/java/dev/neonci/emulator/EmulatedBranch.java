package dev.neonci.emulator;

import java.time.Instant;

/**
 * A snapshot of one branch as the emulator holds it (including deleted ones), for test assertions.
 *
 * @param parentId null for the default (root) branch
 * @param state    the branch's {@code current_state} now: "init", "resetting" or "ready"
 */
public record EmulatedBranch(String id, String name, String parentId, String state, Instant createdAt,
                             boolean isDefault, boolean deleted) {
}
