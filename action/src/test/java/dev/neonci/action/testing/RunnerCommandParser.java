package dev.neonci.action.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a {@code ::command k=v,k=v::data} line the way the runner does (actions/runner
 * {@code ActionCommand.TryParseV2}): the line is trimmed, must start with {@code ::}; the command section
 * ends at the next {@code ::}; properties are split on {@code ,} and {@code =}; data and property values
 * are unescaped ({@code %0D}, {@code %0A}, {@code %25}; in properties also {@code %3A}, {@code %2C}).
 */
public final class RunnerCommandParser {

    public record Command(String name, Map<String, String> properties, String data) {
    }

    private RunnerCommandParser() {
    }

    /** The parsed command, or null when the line is not a command. */
    public static Command parse(String line) {
        String message = line.trim();
        if (!message.startsWith("::")) {
            return null;
        }
        int end = message.indexOf("::", 2);
        if (end < 0) {
            return null;
        }
        String section = message.substring(2, end);
        String data = message.substring(end + 2);
        int space = section.indexOf(' ');
        String name = space < 0 ? section : section.substring(0, space);
        Map<String, String> props = new LinkedHashMap<>();
        if (space >= 0) {
            for (String pair : section.substring(space + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    props.put(pair.substring(0, eq), unescapeProperty(pair.substring(eq + 1)));
                }
            }
        }
        return new Command(name, props, unescapeData(data));
    }

    static String unescapeData(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }

    static String unescapeProperty(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }
}
