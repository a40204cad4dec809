package dev.neonci.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Faults armed for upcoming requests. Thread-safe.
 *
 * <p>Each armed rule has a method (or {@code "*"}/null for any), a path regex that is searched
 * ({@link java.util.regex.Matcher#find()}) in the request path without query string, e.g.
 * {@code /api/v2/projects/p-1/branches}, and a count. Rules are consulted in the order they were armed;
 * the first matching rule with a remaining count is used and decremented.
 */
public final class Faults {

    private final List<Rule> rules = new ArrayList<>();

    /** Injects {@code fault} into the next {@code times} requests matching {@code method} and {@code pathRegex}. */
    public Faults next(String method, String pathRegex, int times, Fault fault) {
        Objects.requireNonNull(pathRegex, "pathRegex");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        String normalisedMethod = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
        synchronized (rules) {
            rules.add(new Rule(normalisedMethod, Pattern.compile(pathRegex), times, fault));
        }
        return this;
    }

    /** Injects {@code fault} into the next request matching {@code method} and {@code pathRegex}. */
    public Faults next(String method, String pathRegex, Fault fault) {
        return next(method, pathRegex, 1, fault);
    }

    /** Disarms every rule. */
    public void clear() {
        synchronized (rules) {
            rules.clear();
        }
    }

    /** How many injections are still armed across all rules. */
    public int remaining() {
        synchronized (rules) {
            return rules.stream().mapToInt(rule -> rule.remaining).sum();
        }
    }

    /** Takes (consumes) the fault for a request, if one is armed. */
    Optional<Fault> take(String method, String path) {
        synchronized (rules) {
            for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
                Rule rule = it.next();
                if (rule.matches(method, path)) {
                    rule.remaining--;
                    if (rule.remaining == 0) {
                        it.remove();
                    }
                    return Optional.of(rule.fault);
                }
            }
            return Optional.empty();
        }
    }

    private static final class Rule {
        private final String method;
        private final Pattern path;
        private final Fault fault;
        private int remaining;

        Rule(String method, Pattern path, int remaining, Fault fault) {
            this.method = method;
            this.path = path;
            this.remaining = remaining;
            this.fault = fault;
        }

        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).find();
        }
    }
}
