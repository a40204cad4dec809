package dev.neonci.emulator.internal;

/**
 * A test's instruction for the next operation with a given action (null = any): fail it, or never finish it.
 *
 * @param error the operation's {@code error} text when it fails; null for a stuck operation
 */
public record OperationDirective(String action, boolean stuck, String error) {

    boolean appliesTo(String candidateAction) {
        return action == null || action.equals(candidateAction);
    }
}
