package io.jenkins.plugins.neonci;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The connection variables inside {@code withNeonBranch}. Secret values are held as {@link Secret} (stored
 * encrypted when the Pipeline program is saved) and reported by {@link #getSensitiveVariables()}, so Pipeline
 * warns about Groovy string interpolation of them and masks them in step arguments.
 */
final class NeonEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    private final Map<String, Secret> secretVariables = new LinkedHashMap<>();
    private final Map<String, String> publicVariables = new LinkedHashMap<>();

    /**
     * @param variables   all variables, from the core's {@code ConnectionEnvironment.variables()}
     * @param secretNames which of them are secret, from {@code ConnectionEnvironment.secretNames()}
     */
    NeonEnvironment(Map<String, String> variables, Set<String> secretNames) {
        for (Map.Entry<String, String> e : variables.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (secretNames.contains(e.getKey())) {
                secretVariables.put(e.getKey(), Secret.fromString(e.getValue()));
            } else {
                publicVariables.put(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public void expand(@NonNull EnvVars env) {
        for (Map.Entry<String, String> e : publicVariables.entrySet()) {
            env.override(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Secret> e : secretVariables.entrySet()) {
            env.override(e.getKey(), e.getValue().getPlainText());
        }
    }

    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(secretVariables.keySet()));
    }

    /** Names of all variables, public first, for the log. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(publicVariables.keySet());
        names.addAll(secretVariables.keySet());
        return names;
    }
}
