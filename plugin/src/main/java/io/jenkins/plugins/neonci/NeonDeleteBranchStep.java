package io.jenkins.plugins.neonci;

import dev.neonci.core.ci.Inputs;
import dev.neonci.core.client.InvalidInputException;
import dev.neonci.core.client.NeonClient;
import dev.neonci.core.client.NeonException;
import dev.neonci.core.lifecycle.BranchLifecycle;
import dev.neonci.core.lifecycle.DeleteResult;
import dev.neonci.core.wait.Deadline;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.neonci.support.BranchParameters;
import io.jenkins.plugins.neonci.support.ConnectionSettings;
import io.jenkins.plugins.neonci.support.LogProgressListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code neonDeleteBranch branch: 'ci/my-job/42'}: delete a branch by name or id and wait until Neon has
 * finished. Idempotent: a branch that does not exist is logged and the step succeeds. Returns {@code true} if
 * it deleted something.
 */
public class NeonDeleteBranchStep extends AbstractNeonStep {

    private final String branch;

    @DataBoundConstructor
    public NeonDeleteBranchStep(String branch) {
        this.branch = Util.fixEmptyAndTrim(branch);
    }

    /** Name or id of the branch to delete. */
    public String getBranch() {
        return branch;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Boolean> {

        private static final long serialVersionUID = 1L;

        private final transient NeonDeleteBranchStep step;

        Execution(NeonDeleteBranchStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Boolean run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            try {
                if (step.getBranch() == null) {
                    throw new InvalidInputException("branch", "required: the name or id of the branch to delete");
                }
                String target = Inputs.branchName("branch", step.getBranch());
                ConnectionSettings settings = step.connectionSettings();
                Deadline deadline = Deadline.after(BranchParameters.timeout(step.getTimeout()));
                String apiKey = NeonCredentials.apiKey(run, settings.credentialsId());
                try (NeonClient client = NeonStepRunner.client(settings, apiKey)) {
                    LogProgressListener progress = new LogProgressListener(listener.getLogger());
                    DeleteResult r = new BranchLifecycle(client, settings.projectId(), progress)
                            .deleteBranch(target, deadline);
                    if (r.deleted()) {
                        progress.info("Deleted branch " + target + " from project " + settings.projectId());
                    } else {
                        progress.info("Branch " + target + " does not exist in project " + settings.projectId()
                                + "; nothing to delete");
                    }
                    return Boolean.valueOf(r.deleted());
                }
            } catch (NeonException e) {
                throw NeonStepRunner.abort("neonDeleteBranch failed", e);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends AbstractNeonStepDescriptor {

        @Override
        public String getFunctionName() {
            return "neonDeleteBranch";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Delete a Neon branch";
        }

        @POST
        public FormValidation doCheckBranch(@QueryParameter String value) {
            return NeonFormValidation.branch(value);
        }
    }
}
