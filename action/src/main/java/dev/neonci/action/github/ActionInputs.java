package dev.neonci.action.github;

import dev.neonci.core.ci.Inputs;
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
 * is also looked up with {@code -} and {@code _} swapped. The other spelling wins when it is set: action.yml
 * declares only the underscore names, so the runner fills {@code INPUT_BRANCH_NAME} with the declared
 * default, while {@code INPUT_BRANCH-NAME} can only come from the workflow's {@code with:}. Values are
 * trimmed, as {@code core.getInput} does; blank counts as not set.
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

    /**
     * The trimmed value, or {@code ""} when the input is absent or blank (like {@code core.getInput}).
     * A value under the other spelling (hyphens/underscores swapped) comes first: see the class comment.
     */
    public String get(String inputName) {
        List<String> variables = variableNames(inputName);
        List<String> order = new ArrayList<>(variables.subList(1, variables.size()));
        order.add(variables.get(0));
        for (String variable : order) {
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
     * A boolean input, validated by the core's {@code Inputs.bool} (true/false, also yes/no and 1/0,
     * case-insensitive); blank means {@code defaultValue}; anything else fails, naming the input.
     */
    public boolean getBoolean(String inputName, boolean defaultValue) {
        return Inputs.bool(inputName, get(inputName), defaultValue);
    }
}
