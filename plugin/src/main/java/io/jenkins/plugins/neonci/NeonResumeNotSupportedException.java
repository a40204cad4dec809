package io.jenkins.plugins.neonci;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousResumeNotSupportedException;

/**
 * The controller restarted while {@code withNeonBranch} was creating its branch. Extends
 * {@link SynchronousResumeNotSupportedException} so that {@code retry(conditions: [nonresumable()]) { … }}
 * retries it; the message says what happened to the branch and how to retry.
 */
final class NeonResumeNotSupportedException extends SynchronousResumeNotSupportedException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    NeonResumeNotSupportedException(StepContext context, String detail) {
        super(context);
        this.detail = detail;
    }

    @Override
    public String getMessage() {
        return detail + " " + super.getMessage();
    }
}
