package dev.neonci.emulator.internal;

import java.time.Instant;

/** A database on one branch. Immutable. */
record DatabaseRecord(long id, String branchId, String name, String ownerName, Instant createdAt) {
}
