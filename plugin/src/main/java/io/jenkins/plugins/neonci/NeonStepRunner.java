package io.jenkins.plugins.neonci;

import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/** Small helpers the step executions share: building the client and turning core errors into build errors. */
final class NeonStepRunner {

    /** Names the plugin in the User-Agent: {@code neon-ci/<version> (jenkins-plugin)}. */
    static final String USER_AGENT_PRODUCT = "jenkins-plugin";

    private static final Logger LOGGER = Logger.getLogger(NeonStepRunner.class.getName());

    private NeonStepRunner() {}

    /**
     * A client for one step. Honours the proxy of Manage Jenkins » System » HTTP Proxy Configuration (including
     * its "no proxy" hosts); proxy authentication is not passed on.
     */
    static @NonNull NeonClient client(@NonNull ConnectionSettings settings, @NonNull String apiKey) {
        NeonClient.Builder b = NeonClient.builder()
                .apiKey(apiKey)
                .baseUrl(settings.apiUrl())
                .userAgentProduct(USER_AGENT_PRODUCT);
        Jenkins j = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = j == null ? null : j.getProxy();
        if (proxy != null) {
            b.proxy(proxy.createProxy(URI.create(settings.apiUrl()).getHost()));
        }
        return b.build();
    }

    /**
     * A core failure as a build failure without a stack trace. The core guarantees {@code getMessage()} is one
     * user-facing line without secrets. The core exception is logged (FINE) rather than attached, so the
     * flow graph stores only the message.
     */
    static @NonNull AbortException abort(@NonNull String what, @NonNull NeonException e) {
        LOGGER.log(Level.FINE, what, e);
        return new AbortException(what + ": " + e.getMessage());
    }
}
