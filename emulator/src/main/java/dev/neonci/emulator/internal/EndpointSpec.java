package dev.neonci.emulator.internal;

/**
 * Requested compute settings (create-branch {@code endpoints[]} item or create-endpoint body).
 * Null limits/timeouts mean "Neon's default". Immutable.
 */
public record EndpointSpec(String type, Double minCu, Double maxCu, Long suspendTimeoutSeconds) {
}
