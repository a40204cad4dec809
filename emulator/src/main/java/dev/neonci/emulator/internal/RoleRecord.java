package dev.neonci.emulator.internal;

import java.time.Instant;

/** A Postgres role on one branch. Immutable. */
record RoleRecord(String branchId, String name, String password, boolean isProtected, Instant createdAt) {
}
