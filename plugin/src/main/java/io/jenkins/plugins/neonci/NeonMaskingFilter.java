package io.jenkins.plugins.neonci;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collection;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * Masks the connection password and URIs in the console output of the {@code withNeonBranch} body, the way
 * {@code withCredentials} does: {@link SecretPatterns#getAggregateSecretPattern} also covers shell-quoted and
 * base64 forms, and {@link SecretPatterns.MaskingOutputStream} replaces matches with {@code ****} line by line.
 * The pattern is computed on the controller and kept as a {@link Secret}, since the filter is serialized with
 * the program and may be sent to an agent.
 */
final class NeonMaskingFilter extends ConsoleLogFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Secret pattern;
    private final String charsetName;

    NeonMaskingFilter(Collection<String> secretValues, String charsetName) {
        this.pattern = Secret.fromString(SecretPatterns.getAggregateSecretPattern(secretValues).pattern());
        this.charsetName = charsetName;
    }

    @SuppressWarnings("rawtypes") // signature of ConsoleLogFilter
    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return new SecretPatterns.MaskingOutputStream(logger, () -> Pattern.compile(pattern.getPlainText()), charsetName);
    }
}
