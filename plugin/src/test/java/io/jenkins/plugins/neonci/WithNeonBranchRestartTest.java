package io.jenkins.plugins.neonci;

import static io.jenkins.plugins.neonci.NeonTestSupport.API_KEY;
import static io.jenkins.plugins.neonci.NeonTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.neonci.NeonTestSupport.addApiKey;
import static io.jenkins.plugins.neonci.NeonTestSupport.connectionArgs;
import static io.jenkins.plugins.neonci.NeonTestSupport.exists;
import static io.jenkins.plugins.neonci.NeonTestSupport.grep;
import static io.jenkins.plugins.neonci.NeonTestSupport.revealedPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neonci.core.ci.BranchNames;
import dev.neonci.emulator.NeonEmulator;
import java.time.Duration;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while the body runs: the branch is still deleted afterwards, and nothing secret is on disk. */
class WithNeonBranchRestartTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void restartDuringTheBodyStillDeletesTheBranch() throws Throwable {
        String name = BranchNames.derive("ci", "p", "1");
        try (NeonEmulator emu = NeonTestSupport.emulator(Duration.ofMillis(200))) {
            sessions.then(j -> {
                addApiKey(j, CREDENTIALS_ID);
                WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition(""
                        + "withNeonBranch(" + connectionArgs(emu, CREDENTIALS_ID) + ") {\n"
                        + "  semaphore 'restart'\n"
                        + "  echo \"after restart in ${env.NEON_BRANCH_NAME}, password set: ${env.PGPASSWORD.length() > 0}\"\n"
                        + "}\n", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                SemaphoreStep.waitForStart("restart/1", b);
                assertTrue(exists(emu, name), "created before the restart");
            });
            String password = revealedPassword(emu);
            sessions.then(j -> {
                WorkflowJob p = j.jenkins.getItemByFullName("p", WorkflowJob.class);
                assertNotNull(p);
                WorkflowRun b = p.getBuildByNumber(1);
                assertNotNull(b);
                // program.dat holds the branch id, project id and credentials id, never the key or the password
                assertEquals(Set.of(), grep(b.getRootDir(), password));
                assertEquals(Set.of(), grep(b.getRootDir(), API_KEY));
                assertTrue(exists(emu, name), "still there while the body waits");
                SemaphoreStep.success("restart/1", null);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("after restart in " + name + ", password set: true", b);
                j.assertLogContains("[neon] Deleted branch " + name, b);
                j.assertLogNotContains(password, b);
                j.assertLogNotContains(API_KEY, b);
                assertFalse(exists(emu, name), "deleted after the restarted build finished");
                assertEquals(Set.of(), grep(b.getRootDir(), password));
            });
        }
    }
}
