package dev.neonci.emulator.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A parsed create-branch request: the {@code branch}, {@code endpoints} and {@code annotation_value}
 * parts of the body. Nulls mean "not given". Immutable.
 */
public record BranchSpec(String name, String parentId, String parentLsn, String parentTimestamp, String initSource,
                         Instant expiresAt, boolean isProtected, List<EndpointSpec> endpoints,
                         Map<String, String> annotation) {

    public BranchSpec {
        endpoints = List.copyOf(endpoints);
        annotation = Map.copyOf(annotation);
    }
}
