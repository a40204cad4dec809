package dev.neonci.action.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code $GITHUB_OUTPUT} / {@code $GITHUB_STATE} / {@code $GITHUB_ENV} with the runner's rules
 * (actions/runner {@code FileCommandManager.cs}, {@code SetEnvFileCommand.ProcessCommand}, Linux):
 * lines split on LF; a non-empty line is {@code NAME=VALUE} when {@code =} comes before any {@code <<},
 * else {@code NAME<<DELIMITER} followed by the value's lines up to a line equal to the delimiter (the LF
 * before the delimiter line is not part of the value); a missing delimiter or an empty name is an error.
 * Later entries overwrite earlier ones, as in the runner.
 */
public final class RunnerFileCommands {

    private RunnerFileCommands() {
    }

    public static Map<String, String> parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        int[] index = {0};
        String line = readLine(text, index);
        while (line != null) {
            if (!line.isEmpty()) {
                int equalsIndex = line.indexOf('=');
                int heredocIndex = line.indexOf("<<");
                if (equalsIndex >= 0 && (heredocIndex < 0 || equalsIndex < heredocIndex)) {
                    String name = line.substring(0, equalsIndex);
                    if (name.isEmpty()) {
                        throw new IllegalArgumentException("Invalid format '" + line + "'. Name must not be empty");
                    }
                    result.put(name, line.substring(equalsIndex + 1));
                } else if (heredocIndex >= 0 && (equalsIndex < 0 || heredocIndex < equalsIndex)) {
                    String name = line.substring(0, heredocIndex);
                    String delimiter = line.substring(heredocIndex + 2);
                    if (name.isEmpty() || delimiter.isEmpty()) {
                        throw new IllegalArgumentException("Invalid format '" + line + "'. Name and delimiter must not be empty");
                    }
                    int start = index[0];
                    int end = index[0];
                    String temp = readLine(text, index);
                    while (!delimiter.equals(temp)) {
                        if (temp == null) {
                            throw new IllegalArgumentException("Matching delimiter not found '" + delimiter + "'");
                        }
                        end = index[0] - 1; // minus the LF
                        temp = readLine(text, index);
                    }
                    result.put(name, end > start ? text.substring(start, end) : "");
                } else {
                    throw new IllegalArgumentException("Invalid format '" + line + "'");
                }
            }
            line = readLine(text, index);
        }
        return result;
    }

    private static String readLine(String text, int[] index) {
        if (index[0] >= text.length()) {
            return null;
        }
        int start = index[0];
        int lf = text.indexOf('\n', start);
        if (lf < 0) {
            index[0] = text.length();
            return text.substring(start);
        }
        index[0] = lf + 1;
        return text.substring(start, lf);
    }
}
