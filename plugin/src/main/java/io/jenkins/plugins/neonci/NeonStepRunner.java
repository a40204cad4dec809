package io.jenkins.plugins.neonci;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.neonci.support.ConnectionSettings;

/** Small helpers the step executions share: building the client and turning core errors into build errors. */
final class NeonStepRunner {

    /** Names the plugin in the User-Agent: {@code neon-ci/<version> (jenkins-plugin)}. */
    static final String USER_AGENT_PRODUCT = "jenkins-plugin";

    private NeonStepRunner() {}

    static @NonNull NeonClient client(@NonNull ConnectionSettings settings, @NonNull String apiKey) {
        return NeonClient.builder()
                .apiKey(apiKey)
                .baseUrl(settings.apiUrl())
                .userAgentProduct(USER_AGENT_PRODUCT)
                .build();
    }

    /**
     * A core failure as a build failure without a stack trace. The core guarantees {@code getMessage()} is one
     * user-facing line without secrets.
     */
    static @NonNull AbortException abort(@NonNull String what, @NonNull NeonException e) {
        AbortException a = new AbortException(what + ": " + e.getMessage());
        a.initCause(e);
        return a;
    }
}
