package dev.neonci.action.contract;

import dev.neonci.action.testing.RunnerCommandParser;
import dev.neonci.action.testing.RunnerSimulator.StepResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What every step must guarantee about secrets, checked on what the runner would see. */
final class ContractAssertions {

    private ContractAssertions() {
    }

    /**
     * The API key: registered with {@code ::add-mask::} on the very first line, and never anywhere else —
     * not on another stdout line, not on stderr, not in the outputs, state or summary files.
     */
    static void assertApiKeyNeverShown(StepResult r, String apiKey) {
        assertFalse(r.stdout.isEmpty(), "no output at all");
        RunnerCommandParser.Command first = RunnerCommandParser.parse(r.stdout.get(0));
        assertTrue(first != null && first.name().equals("add-mask") && first.data().equals(apiKey),
                "the first line must mask the API key");
        for (int i = 1; i < r.stdout.size(); i++) {
            if (r.stdout.get(i).contains(apiKey)) {
                fail("the API key appears on stdout line " + (i + 1));
            }
        }
        assertFalse(r.stderr.contains(apiKey), "the API key appears on stderr");
        assertFalse(r.outputFileText.contains(apiKey), "the API key is in $GITHUB_OUTPUT");
        assertFalse(r.stateFileText.contains(apiKey), "the API key is in $GITHUB_STATE");
        assertFalse(r.summary.contains(apiKey), "the API key is in the step summary");
    }

    /**
     * Each secret: its {@code ::add-mask::} line comes before any other stdout line containing it; it is
     * never on stderr (whose interleaving with stdout is not ordered) nor in the summary.
     */
    static void assertMaskedBeforeAnyUse(StepResult r, Collection<String> secrets) {
        for (String secret : secrets) {
            assertTrue(secret != null && !secret.isEmpty(), "a secret output is empty");
            int maskLine = -1;
            for (int i = 0; i < r.stdout.size(); i++) {
                RunnerCommandParser.Command c = RunnerCommandParser.parse(r.stdout.get(i));
                if (c != null && c.name().equals("add-mask") && c.data().equals(secret)) {
                    maskLine = i;
                    break;
                }
            }
            String which = describe(secret, secrets);
            assertTrue(maskLine >= 0, "no ::add-mask:: for " + which);
            for (int i = 0; i < maskLine; i++) {
                if (r.stdout.get(i).contains(secret)) {
                    fail(which + " appears on stdout line " + (i + 1) + ", before its ::add-mask:: on line " + (maskLine + 1));
                }
            }
            assertFalse(r.stderr.contains(secret), which + " appears on stderr");
            assertFalse(r.summary.contains(secret), which + " is in the step summary");
        }
    }

    /** Exactly one {@code ::error} command, whose title and one-line message are returned. */
    static RunnerCommandParser.Command singleError(StepResult r) {
        List<RunnerCommandParser.Command> errors = r.commands("error");
        assertEquals(1, errors.size(), "expected exactly one ::error line; got " + errors.size());
        RunnerCommandParser.Command error = errors.get(0);
        assertFalse(error.data().contains("\n") || error.data().contains("\r"), "the error message must be one line");
        assertTrue(error.properties().containsKey("title"), "the error needs a title");
        assertNoStackTrace(r);
        return error;
    }

    static void assertNoStackTrace(StepResult r) {
        for (String line : lines(r)) {
            if (line.matches("^\\s+at [\\w.$]+\\(.*\\)$") || line.startsWith("Exception in thread")) {
                fail("a stack trace was printed: " + line);
            }
        }
    }

    private static List<String> lines(StepResult r) {
        List<String> all = new ArrayList<>(r.stdout);
        all.addAll(r.stderr.lines().toList());
        return all;
    }

    /** Names a secret without printing it. */
    private static String describe(String secret, Collection<String> secrets) {
        int i = 0;
        for (String s : secrets) {
            if (s.equals(secret)) {
                return "secret #" + (i + 1) + " (" + secret.length() + " chars)";
            }
            i++;
        }
        return "a secret";
    }

    /** The log with every secret replaced by ***, as the runner would show it. */
    static String masked(StepResult r, Collection<String> secrets) {
        String log = r.log();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                log = log.replace(s, "***");
            }
        }
        return log;
    }
}
