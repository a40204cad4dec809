package io.jenkins.plugins.neonci.support;

import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;

/**
 * Where and as whom a step talks to Neon: API URL, project id and the id of the Jenkins credential holding
 * the API key (never the key itself). A step parameter wins over the global default; the result is validated
 * by the core's {@link Inputs}. Jenkins-free.
 *
 * @param apiUrl        validated base URL (https, or http on loopback)
 * @param projectId     validated Neon project id
 * @param credentialsId Jenkins credentials id (Secret text)
 */
public record ConnectionSettings(String apiUrl, String projectId, String credentialsId) {

    /** Neon's public API, used when neither the step nor the global configuration names one. */
    public static final String DEFAULT_API_URL = "https://console.neon.tech/api/v2";

    /**
     * @param stepApiUrl / stepProjectId / stepCredentialsId values given to the step (blank = unset)
     * @param defaultApiUrl / defaultProjectId / defaultCredentialsId global configuration (blank = unset)
     */
    public static ConnectionSettings resolve(String stepApiUrl, String stepProjectId, String stepCredentialsId,
                                             String defaultApiUrl, String defaultProjectId, String defaultCredentialsId) {
        String apiUrl = first(stepApiUrl, defaultApiUrl);
        String projectId = first(stepProjectId, defaultProjectId);
        String credentialsId = first(stepCredentialsId, defaultCredentialsId);
        if (projectId == null) {
            throw new InvalidInputException("projectId",
                    "not set: pass projectId to the step or set a default project id in Manage Jenkins » System » Neon");
        }
        if (credentialsId == null) {
            throw new InvalidInputException("credentialsId",
                    "not set: pass the id of a Secret text credential holding a Neon API key, or set a default in Manage Jenkins » System » Neon");
        }
        return new ConnectionSettings(
                Inputs.apiUrl("apiUrl", apiUrl == null ? DEFAULT_API_URL : apiUrl),
                Inputs.projectId("projectId", projectId),
                credentialsId);
    }

    private static String first(String preferred, String fallback) {
        String p = BranchParameters.blankToNull(preferred);
        return p != null ? p : BranchParameters.blankToNull(fallback);
    }
}
