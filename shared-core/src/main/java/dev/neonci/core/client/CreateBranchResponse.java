package dev.neonci.core.client;

import java.util.List;

/**
 * The 201 answer to a create: the branch, its endpoints, the operations to wait for, and its roles and
 * databases. Role passwords, if Neon included any, are masked by {@link Role#toString()}.
 */
public record CreateBranchResponse(
        Branch branch,
        List<Endpoint> endpoints,
        List<Operation> operations,
        List<Role> roles,
        List<Database> databases) {

    public CreateBranchResponse {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        operations = operations == null ? List.of() : List.copyOf(operations);
        roles = roles == null ? List.of() : List.copyOf(roles);
        databases = databases == null ? List.of() : List.copyOf(databases);
    }
}
