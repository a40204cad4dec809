package dev.neonci.emulator.internal;

import java.time.Instant;

/**
 * A parsed update-branch request. Null {@code name}/{@code isProtected} mean "unchanged";
 * {@code expiresAtGiven} distinguishes "unchanged" (absent) from "remove" (explicit null). Immutable.
 */
public record BranchPatch(String name, Boolean isProtected, boolean expiresAtGiven, Instant expiresAt) {
}
