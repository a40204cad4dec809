package dev.neonci.core.client;

import java.util.List;

/** A branch and the operations a change to it started (restore, delete): wait for them. */
public record BranchOperations(Branch branch, List<Operation> operations) {

    public BranchOperations {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
