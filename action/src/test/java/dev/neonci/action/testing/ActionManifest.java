package dev.neonci.action.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code action.yml} a runner acts on, read with a deliberately small line parser (the file
 * is ours and simple; the real validator runs in the build): input names with their defaults, output
 * names and the {@code runs:} keys.
 */
public final class ActionManifest {

    public final Map<String, String> inputDefaults = new LinkedHashMap<>();
    public final List<String> requiredInputs = new ArrayList<>();
    public final List<String> outputs = new ArrayList<>();
    public final Map<String, String> runs = new LinkedHashMap<>();

    public static Path repoRoot() {
        String root = System.getProperty("neonci.repo.root");
        return root != null ? Path.of(root) : Path.of("..");
    }

    public static ActionManifest load() throws IOException {
        return parse(Files.readAllLines(repoRoot().resolve("action.yml"), StandardCharsets.UTF_8));
    }

    static ActionManifest parse(List<String> lines) {
        ActionManifest m = new ActionManifest();
        String section = null;
        String current = null;
        for (String line : lines) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                section = line.substring(0, line.indexOf(':'));
                current = null;
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.trim();
            int colon = text.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = text.substring(0, colon);
            String value = unquote(text.substring(colon + 1).trim());
            if (indent == 2) {
                current = key;
                if ("inputs".equals(section)) {
                    m.inputDefaults.put(key, null);
                } else if ("outputs".equals(section)) {
                    m.outputs.add(key);
                } else if ("runs".equals(section)) {
                    m.runs.put(key, value);
                }
            } else if (indent == 4 && "inputs".equals(section) && current != null) {
                if ("default".equals(key)) {
                    m.inputDefaults.put(current, value);
                } else if ("required".equals(key) && "true".equals(value)) {
                    m.requiredInputs.add(current);
                }
            }
        }
        return m;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
