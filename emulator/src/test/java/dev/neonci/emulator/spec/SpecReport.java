package dev.neonci.emulator.spec;

import java.util.List;

/**
 * The outcome of validating one request or response against Neon's OpenAPI document. Immutable.
 * Messages describe what is wrong and where; they never quote header values (the Authorization
 * header is a secret).
 *
 * @param subject  e.g. "response 201 to POST /api/v2/projects/p/branches"
 * @param errors   spec violations; empty when valid
 * @param skipped  why nothing was validated (e.g. no HTTP response was sent), or null
 */
public record SpecReport(String subject, List<String> errors, String skipped) {

    public SpecReport {
        errors = List.copyOf(errors);
    }

    public static SpecReport skipped(String subject, String reason) {
        return new SpecReport(subject, List.of(), reason);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Throws an AssertionError listing every violation unless the report is valid. */
    public SpecReport assertValid() {
        if (!valid()) {
            throw new AssertionError(this.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        if (skipped != null) {
            return subject + ": not validated (" + skipped + ")";
        }
        if (errors.isEmpty()) {
            return subject + ": valid";
        }
        return subject + ": " + errors.size() + " spec violation(s):\n  - " + String.join("\n  - ", errors);
    }
}
