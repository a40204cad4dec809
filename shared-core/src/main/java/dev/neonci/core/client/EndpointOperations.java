package dev.neonci.core.client;

import java.util.List;

/** A new endpoint and the operations (start_compute ...) its creation started. */
public record EndpointOperations(Endpoint endpoint, List<Operation> operations) {

    public EndpointOperations {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
