package dev.neonci.action.github;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workflow commands on stdout, formatted and escaped exactly like {@code @actions/core}
 * ({@code command.ts}): {@code ::name key=value,key=value::message}.
 *
 * <ul>
 *   <li>message: {@code %} → {@code %25}, CR → {@code %0D}, LF → {@code %0A};</li>
 *   <li>property values: the same plus {@code :} → {@code %3A} and {@code ,} → {@code %2C}.</li>
 * </ul>
 *
 * <p>The runner masks a value in everything printed <em>after</em> it saw {@code ::add-mask::value}, so a
 * secret must be registered before anything could print it.
 */
public final class WorkflowCommands {

    private final PrintStream out;

    public WorkflowCommands(PrintStream out) {
        this.out = out;
    }

    /** Registers a secret with the runner's masker. Empty values are ignored (the runner warns about them). */
    public void addMask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        // A multi-line secret is masked line by line by the runner only if each line is registered.
        issue("add-mask", Map.of(), secret);
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            for (String line : secret.split("\\R")) {
                if (!line.isEmpty()) {
                    issue("add-mask", Map.of(), line);
                }
            }
        }
    }

    /** {@code ::error title=…::message} — an annotation on the run, shown in red. */
    public void error(String title, String message) {
        issue("error", title == null ? Map.of() : Map.of("title", title), message);
    }

    /** {@code ::warning title=…::message}. */
    public void warning(String title, String message) {
        issue("warning", title == null ? Map.of() : Map.of("title", title), message);
    }

    /** {@code ::notice::message}. */
    public void notice(String message) {
        issue("notice", Map.of(), message);
    }

    /** {@code ::debug::message} — shown only when step debug logging is on. */
    public void debug(String message) {
        issue("debug", Map.of(), message);
    }

    /** {@code ::group::title} — folds the following lines in the log until {@link #endGroup()}. */
    public void group(String title) {
        issue("group", Map.of(), title);
    }

    public void endGroup() {
        issue("endgroup", Map.of(), "");
    }

    /**
     * A plain log line. Line breaks become spaces, so that one call is one line and a value can never
     * start a line of its own that the runner would read as a command.
     */
    public void info(String message) {
        out.println(message == null ? "" : message.replaceAll("[\\r\\n]+", " "));
        out.flush();
    }

    /** Prints one command; package-visible for tests of the format. */
    void issue(String command, Map<String, String> properties, String message) {
        out.println(format(command, properties, message));
        out.flush();
    }

    /** {@code ::command key=value,…::message} with the toolkit's escaping. */
    public static String format(String command, Map<String, String> properties, String message) {
        StringBuilder sb = new StringBuilder("::").append(command);
        boolean first = true;
        for (Map.Entry<String, String> p : new LinkedHashMap<>(properties).entrySet()) {
            if (p.getValue() == null || p.getValue().isEmpty()) {
                continue;
            }
            sb.append(first ? ' ' : ',').append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
            first = false;
        }
        return sb.append("::").append(escapeData(message)).toString();
    }

    /** Message escaping of {@code command.ts}: {@code %}, CR, LF. */
    public static String escapeData(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Property escaping of {@code command.ts}: {@code %}, CR, LF, {@code :}, {@code ,}. */
    public static String escapeProperty(String s) {
        if (s == null) {
            return "";
        }
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
