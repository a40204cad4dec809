package io.jenkins.plugins.neonci;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.util.Secret;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Masks the connection password and URIs in the error a {@code withNeonBranch} body fails with (for example
 * {@code error "cannot reach ${env.DATABASE_URL}"}): Pipeline prints that error outside the body's console filter,
 * and stores it in the flow graph. Only an error that actually contains a secret is replaced; its replacement
 * keeps the stack trace, and an {@link AbortException} stays an {@link AbortException} (printed without a trace).
 */
final class NeonFailureHandler implements FailureHandler {

    private static final long serialVersionUID = 1L;

    private final Secret pattern;

    NeonFailureHandler(Collection<String> secretValues) {
        this.pattern = Secret.fromString(SecretPatterns.getAggregateSecretPattern(secretValues).pattern());
    }

    @NonNull
    @Override
    public Throwable handle(@NonNull StepContext ctx, @NonNull Throwable t) {
        String regex = pattern.getPlainText();
        if (regex.isEmpty()) {
            return t;
        }
        Pattern p = Pattern.compile(regex);
        if (!mentions(t, p, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return t;
        }
        return mask(t, p, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean mentions(Throwable t, Pattern p, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t.getMessage() != null && p.matcher(t.getMessage()).find()) {
            return true;
        }
        if (mentions(t.getCause(), p, seen)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (mentions(s, p, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable mask(Throwable t, Pattern p, Set<Throwable> seen) {
        if (!seen.add(t)) {
            return new MaskedException("(cyclic cause)");
        }
        String message = t.getMessage() == null ? null : p.matcher(t.getMessage()).replaceAll("****");
        Throwable masked = t instanceof AbortException
                ? new AbortException(message)
                : new MaskedException(t.getClass().getName() + (message == null ? "" : ": " + message));
        masked.setStackTrace(t.getStackTrace());
        if (t.getCause() != null) {
            masked.initCause(mask(t.getCause(), p, seen));
        }
        for (Throwable s : t.getSuppressed()) {
            masked.addSuppressed(mask(s, p, seen));
        }
        return masked;
    }

    /** Stands in for an error whose message mentioned a Neon secret; the message names the original type. */
    static final class MaskedException extends Exception {

        private static final long serialVersionUID = 1L;

        MaskedException(String message) {
            super(message);
        }
    }
}
