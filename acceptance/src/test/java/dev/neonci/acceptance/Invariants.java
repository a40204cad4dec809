package dev.neonci.acceptance;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator.StepResult;
import dev.neonci.emulator.EmulatedBranch;
import dev.neonci.emulator.NeonEmulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The invariants every fault case must keep, checked by one shared checker after each case:
 *
 * <ol>
 *   <li>no branch of the run is left behind (except the ones a case keeps on purpose, named by the case);</li>
 *   <li>never two branches with the same name — deleted ones included, so a duplicate that was created and
 *       then cleaned up still counts;</li>
 *   <li>the API key and the passwords appear in no text a user or a log collector could see.</li>
 * </ol>
 * The "one clear line" rule is checked where the error is seen: {@link #assertOneLine(Throwable)} for the
 * core, {@link #assertOneErrorLine(StepResult)} for the action.
 */
final class Invariants {

    /** Every branch a case creates is named under this prefix. */
    static final String RUN_PREFIX = "acc/";

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*at [\\w.$/]+\\(.*\\)$");
    private static final Pattern EXCEPTION_HEADER = Pattern.compile("^(Caused by: )?[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error)(: .*)?$");

    private Invariants() {
    }

    static void check(NeonEmulator emu, Evidence evidence, Set<String> keptOnPurpose) {
        evidence.harvestPasswords(emu);
        List<EmulatedBranch> all = emu.branches(emu.projectId());

        List<String> leftBehind = all.stream()
                .filter(b -> !b.deleted() && b.name().startsWith(RUN_PREFIX) && !keptOnPurpose.contains(b.name()))
                .map(b -> b.name() + " (" + b.id() + ", " + b.state() + ")")
                .collect(Collectors.toList());
        assertTrue(leftBehind.isEmpty(), "branches left behind: " + leftBehind);
        for (String kept : keptOnPurpose) {
            assertTrue(all.stream().anyMatch(b -> !b.deleted() && b.name().equals(kept)),
                    "the case says it keeps " + kept + " but it is gone");
        }

        Map<String, Long> byName = all.stream().collect(Collectors.groupingBy(EmulatedBranch::name, Collectors.counting()));
        byName.forEach((name, count) -> assertEquals(1L, count, "branch name " + name + " exists " + count
                + " times (deleted ones included)"));

        assertNoSecrets(evidence);
    }

    static void assertNoSecrets(Evidence evidence) {
        assertFalse(evidence.passwords().isEmpty(), "no password known: the secret check would be vacuous");
        List<String> leaks = new ArrayList<>();
        for (Evidence.Text t : evidence.texts()) {
            if (t.text().contains(evidence.apiKey())) {
                leaks.add("the API key in " + t.label());
            }
            int i = 0;
            for (String p : evidence.passwords()) {
                i++;
                if (t.text().contains(p)) {
                    leaks.add("password #" + i + " in " + t.label());
                }
            }
        }
        for (Evidence.Text t : evidence.outputFiles()) {
            if (t.text().contains(evidence.apiKey())) {
                leaks.add("the API key in " + t.label());
            }
        }
        assertTrue(leaks.isEmpty(), "secrets leaked: " + leaks);
    }

    /** What a user of the core sees: a non-empty one-line message, no trace, nothing secret. */
    static void assertOneLine(Throwable t) {
        String m = t.getMessage();
        assertTrue(m != null && !m.isBlank(), "the error has no message: " + t.getClass().getName());
        assertFalse(m.contains("\n") || m.contains("\r"), "the message is not one line: " + t.getClass().getName());
        assertFalse(m.contains("\tat ") || STACK_FRAME.matcher(m).find(), "the message carries a stack frame");
    }

    /**
     * What a workflow shows: exit code 1, exactly one {@code ::error} with a title and a one-line message,
     * no stack trace or exception dump on stdout or stderr. Returns the error for further checks.
     */
    static RunnerCommandParser.Command assertOneErrorLine(StepResult r, Function<String, String> mask) {
        assertEquals(1, r.exitCode, () -> "exit code; log:\n" + mask.apply(r.log()));
        List<RunnerCommandParser.Command> errors = r.commands("error");
        assertEquals(1, errors.size(), () -> "expected exactly one ::error line; log:\n" + mask.apply(r.log()));
        RunnerCommandParser.Command error = errors.get(0);
        assertFalse(error.data().isBlank(), "the ::error message is empty");
        assertFalse(error.data().contains("\n") || error.data().contains("\r"), "the ::error message is not one line");
        assertTrue(error.properties().containsKey("title"), "the ::error has no title");
        assertNoTrace(r, mask, true);
        return error;
    }

    /**
     * No stack trace or exception dump on stdout or stderr. For a failed step ({@code failed}), also no line
     * naming a Java exception at all. (Progress lines of a step that recovered may still quote one, e.g.
     * "Could not reach Neon (IOException: unexpected end of stream …); retrying in 403 ms".)
     */
    static void assertNoTrace(StepResult r, Function<String, String> mask, boolean failed) {
        List<String> lines = new ArrayList<>(r.stdout);
        lines.addAll(r.stderr.lines().collect(Collectors.toList()));
        for (String line : lines) {
            if (line.startsWith("::add-mask::")) {
                continue; // the value registered with the runner, whatever it is
            }
            if (failed && line.contains("Exception")) {
                // A failed step explains itself in sentences: no Java class name anywhere in its log.
                fail("a line of the failed step names a Java exception: " + mask.apply(line));
            }
            if (line.contains("\tat ") || STACK_FRAME.matcher(line).matches() || line.startsWith("Exception in thread")
                    || EXCEPTION_HEADER.matcher(line).matches()) {
                fail("a stack trace or exception dump was printed: " + mask.apply(line));
            }
        }
    }

    static void assertSucceeded(StepResult r, Function<String, String> mask) {
        assertEquals(0, r.exitCode, () -> "exit code; log:\n" + mask.apply(r.log()));
        assertTrue(r.commands("error").isEmpty(), () -> "::error on success; log:\n" + mask.apply(r.log()));
        assertNoTrace(r, mask, false);
    }
}
