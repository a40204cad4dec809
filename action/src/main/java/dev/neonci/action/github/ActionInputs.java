package dev.neonci.action.github;

import dev.neonci.core.client.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Action inputs as the runner passes them to a container action: one environment variable per input,
 * named {@code INPUT_} + the input's name upper-cased with spaces turned into {@code _} and hyphens
 * kept ({@code branch-name} → {@code INPUT_BRANCH-NAME}), like {@code core.getInput}.
 *
 * <p>Our inputs are spelled with underscores ({@code branch_name}); a workflow that writes
 * {@code branch-name} (a spelling some actions use) reaches us as {@code INPUT_BRANCH-NAME}, so each name
 * is also looked up with {@code -} and {@code _} swapped. The first non-blank value wins. Values are
 * trimmed, as {@code core.getInput} does.
 */
public final class ActionInputs {

    private final Map<String, String> env;

    public ActionInputs(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The environment variable the runner sets for an input: {@code INPUT_} + upper case, spaces → {@code _}. */
    public static String variableName(String inputName) {
        return "INPUT_" + inputName.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    /** Every variable name this input may arrive under, the runner's own spelling first. */
    public static List<String> variableNames(String inputName) {
        Set<String> names = new LinkedHashSet<>();
        names.add(variableName(inputName));
        names.add(variableName(inputName.replace('-', '_')));
        names.add(variableName(inputName.replace('_', '-')));
        return new ArrayList<>(names);
    }

    /** The trimmed value, or {@code ""} when the input is absent or blank (like {@code core.getInput}). */
    public String get(String inputName) {
        for (String variable : variableNames(inputName)) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }

    /** The trimmed value, or {@code null} when absent or blank. */
    public String getOrNull(String inputName) {
        String value = get(inputName);
        return value.isEmpty() ? null : value;
    }

    /** The trimmed value, or {@code defaultValue} when absent or blank. */
    public String get(String inputName, String defaultValue) {
        String value = get(inputName);
        return value.isEmpty() ? defaultValue : value;
    }

    /** Like {@code core.getInput(name, {required: true})}: blank fails, naming the input. */
    public String required(String inputName) {
        String value = get(inputName);
        if (value.isEmpty()) {
            throw new InvalidInputException(inputName, "input required and not supplied");
        }
        return value;
    }

    /**
     * Like {@code core.getBooleanInput}: the YAML 1.2 core schema's {@code true | True | TRUE | false |
     * False | FALSE}; blank means {@code defaultValue}; anything else fails, naming the input.
     */
    public boolean getBoolean(String inputName, boolean defaultValue) {
        String value = get(inputName);
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value) {
            case "true": case "True": case "TRUE":
                return true;
            case "false": case "False": case "FALSE":
                return false;
            default:
                throw new InvalidInputException(inputName,
                        "\"" + value + "\" is not a boolean (expected true or false)");
        }
    }
}
