package io.jenkins.plugins.neonci;

import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;
import hudson.Util;
import hudson.util.FormValidation;
import java.time.Clock;

/**
 * Form validation for the configuration pages and the Snippet Generator. It delegates to the core's
 * {@link Inputs}, so a form says exactly what the step would say at run time. Pure string checks: no
 * network, nothing secret.
 */
final class NeonFormValidation {

    private NeonFormValidation() {}

    @FunctionalInterface
    private interface Check {
        void run(String value);
    }

    private static FormValidation validate(String value, boolean blankOk, String blankMessage, Check check) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return blankOk ? FormValidation.ok() : FormValidation.error(blankMessage);
        }
        try {
            check.run(v);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation apiUrl(String value) {
        return validate(value, true, null, v -> Inputs.apiUrl("apiUrl", v));
    }

    static FormValidation projectId(String value, boolean blankOk) {
        return validate(value, blankOk, "Set a Neon project id (or a default one in Manage Jenkins » System » Neon)",
                v -> Inputs.projectId("projectId", v));
    }

    static FormValidation timeout(String value) {
        return validate(value, true, null, v -> {
            if (!"0".equals(v)) {
                Inputs.timeout("timeout", v);
            }
        });
    }

    static FormValidation branchName(String field, String value) {
        return validate(value, true, null, v -> Inputs.branchName(field, v));
    }

    static FormValidation expiresAt(String value) {
        return validate(value, true, null, v -> Inputs.expiresAt("expiresAt", v, Clock.systemUTC()));
    }

    static FormValidation ttl(String value) {
        return validate(value, true, null, v -> Inputs.duration("ttl", v));
    }

    static FormValidation branch(String value) {
        return validate(value, false, "Name or id of the branch to delete", v -> Inputs.branchName("branch", v));
    }
}
