package io.jenkins.plugins.neonci;

import static io.jenkins.plugins.neonci.NeonTestSupport.API_KEY;
import static io.jenkins.plugins.neonci.NeonTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.neonci.NeonTestSupport.addApiKey;
import static io.jenkins.plugins.neonci.NeonTestSupport.awaitGone;
import static io.jenkins.plugins.neonci.NeonTestSupport.connectionArgs;
import static io.jenkins.plugins.neonci.NeonTestSupport.exists;
import static io.jenkins.plugins.neonci.NeonTestSupport.revealedPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import dev.neonci.core.ci.BranchNames;
import dev.neonci.emulator.NeonEmulator;
import hudson.model.Result;
import hudson.util.Secret;
import java.time.Duration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The three steps against the emulator on loopback, in sandboxed Pipelines. */
@WithJenkins
class NeonStepsTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule j;
    private NeonEmulator emu;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        emu = NeonTestSupport.emulator(Duration.ofMillis(200));
        addApiKey(j, CREDENTIALS_ID);
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private String args() {
        return connectionArgs(emu, CREDENTIALS_ID);
    }

    private void assertNoSecretsIn(WorkflowRun b) throws Exception {
        j.assertLogNotContains(API_KEY, b);
        j.assertLogNotContains("postgresql://", b);
    }

    @Test
    void createReturnsNonSecretMapAndDeleteIsIdempotent() throws Exception {
        WorkflowJob p = job("p", ""
                + "def b = neonCreateBranch(" + args() + ")\n"
                + "echo \"name=${b.branchName} created=${b.created} db=${b.database} role=${b.role} ssl=${b.sslMode}\"\n"
                + "echo \"idprefix=${b.branchId.startsWith('br-')} host=${b.host != null} pooler=${b.poolerHost != null} expires=${b.expiresAt}\"\n"
                + "echo \"password in map: ${b.containsKey('password')}\"\n"
                + "def deleted = neonDeleteBranch(branch: b.branchName, " + args() + ")\n"
                + "def again = neonDeleteBranch(branch: b.branchName, " + args() + ")\n"
                + "echo \"deleted=${deleted} again=${again}\"\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        String name = BranchNames.derive("ci", "p", "1");
        j.assertLogContains("name=" + name + " created=true db=neondb role=neondb_owner ssl=require", b);
        j.assertLogContains("idprefix=true host=true pooler=true expires=null", b);
        j.assertLogContains("password in map: false", b);
        j.assertLogContains("deleted=true again=false", b);
        j.assertLogContains("does not exist", b);
        j.assertLogNotContains(revealedPassword(emu), b);
        assertNoSecretsIn(b);
        assertFalse(exists(emu, name), "deleted in Neon");
    }

    @Test
    void createReusesABranchByName() throws Exception {
        WorkflowJob p = job("p", ""
                + "def first = neonCreateBranch(branchName: 'shared', " + args() + ")\n"
                + "def second = neonCreateBranch(branchName: 'shared', " + args() + ")\n"
                + "echo \"first=${first.created} second=${second.created} same=${first.branchId == second.branchId}\"\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("first=true second=false same=true", b);
        assertTrue(exists(emu, "shared"), "neonCreateBranch alone keeps the branch");
    }

    @Test
    void withNeonBranchExposesMaskedVariablesAndDeletesOnSuccess() throws Exception {
        WorkflowJob p = job("p", ""
                + "withNeonBranch(" + args() + ") {\n"
                + "  echo \"branch=${env.NEON_BRANCH_NAME} user=${env.PGUSER} db=${env.PGDATABASE} ssl=${env.PGSSLMODE}\"\n"
                + "  echo \"idprefix=${env.NEON_BRANCH_ID.startsWith('br-')} hostset=${env.PGHOST.length() > 0}\"\n"
                + "  echo \"pwset=${env.PGPASSWORD.length() > 0} scheme=${env.DATABASE_URL.startsWith('postgresql://')}\"\n"
                + "  echo \"url=${env.DATABASE_URL}\"\n"
                + "  echo \"pooled=${env.DATABASE_URL_POOLED}\"\n"
                + "  echo \"pw=${env.PGPASSWORD}\"\n"
                + "}\n"
                + "echo \"after: ${env.PGPASSWORD}\"\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        String name = BranchNames.derive("ci", "p", "1");
        String password = revealedPassword(emu);
        j.assertLogContains("branch=" + name + " user=neondb_owner db=neondb ssl=require", b);
        j.assertLogContains("idprefix=true hostset=true", b);
        j.assertLogContains("pwset=true scheme=true", b);
        j.assertLogContains("url=****", b);
        j.assertLogContains("pooled=****", b);
        j.assertLogContains("pw=****", b);
        j.assertLogContains("after: null", b); // the variables exist only inside the block
        // getSensitiveVariables(): Pipeline warns about interpolating them.
        j.assertLogContains("A secret was passed to \"echo\" using Groovy String interpolation", b);
        j.assertLogContains("Affected argument(s) used the following variable(s): [PGPASSWORD]", b);
        j.assertLogNotContains(password, b);
        assertNoSecretsIn(b);
        j.assertLogContains("[neon] Deleted branch " + name, b);
        assertFalse(exists(emu, name), "deleted after success");
        assertEquals(java.util.Set.of(), NeonTestSupport.grep(b.getRootDir(), password), "no plaintext password in the build directory");
        assertEquals(java.util.Set.of(), NeonTestSupport.grep(b.getRootDir(), API_KEY), "no API key in the build directory");
    }

    @Test
    void withNeonBranchDeletesOnFailure() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(" + args() + ") { error 'boom in the body' }\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        String name = BranchNames.derive("ci", "p", "1");
        j.assertLogContains("boom in the body", b);
        j.assertLogContains("[neon] Deleted branch " + name, b);
        assertFalse(exists(emu, name), "deleted after failure");
        assertNoSecretsIn(b);
    }

    @Test
    void secretsInTheBodysErrorAreMasked() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(" + args() + ") { error(\"cannot reach ${env.DATABASE_URL} as ${env.PGPASSWORD}\") }\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("cannot reach **** as ****", b);
        j.assertLogNotContains(revealedPassword(emu), b);
        assertNoSecretsIn(b);
        assertFalse(exists(emu, BranchNames.derive("ci", "p", "1")), "deleted after failure");
    }

    @Test
    void withNeonBranchDeletesOnAbortDuringTheBody() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(" + args() + ") { semaphore 'body' }\n");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("body/1", b);
        String name = BranchNames.derive("ci", "p", "1");
        assertTrue(exists(emu, name), "exists while the body runs");
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("[neon] Deleted branch " + name, b);
        assertFalse(exists(emu, name), "deleted after abort");
    }

    @Test
    void withNeonBranchDeletesABranchCreatedWhileAborting() throws Exception {
        try (NeonEmulator slow = NeonTestSupport.emulator(Duration.ofSeconds(3))) {
            WorkflowJob p = job("p", "withNeonBranch(" + connectionArgs(slow, CREDENTIALS_ID) + ") { echo 'body ran' }\n");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[neon] waiting for", b); // Neon has accepted the create, operations still running
            String name = BranchNames.derive("ci", "p", "1");
            b.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogNotContains("body ran", b);
            awaitGone(slow, name, Duration.ofSeconds(60));
        }
    }

    @Test
    void keepKeepsTheBranch() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(keep: true, ttl: '1h', " + args() + ") { echo \"in ${env.NEON_BRANCH_NAME}\" }\n");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        String name = BranchNames.derive("ci", "p", "1");
        j.assertLogContains("in " + name, b);
        j.assertLogContains("[neon] Keeping branch " + name, b);
        assertTrue(exists(emu, name), "kept");
    }

    @Test
    void missingCredentialsFailNamingTheId() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(credentialsId: 'nope', projectId: '" + emu.projectId()
                + "', apiUrl: '" + emu.baseUrl() + "') { echo 'body ran' }\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Could not find credentials 'nope'", b);
        j.assertLogNotContains("body ran", b);
        j.assertLogNotContains("\tat ", b); // a clear message, not a stack trace
        assertEquals(0, emu.requestLog().size(), "no request sent to Neon");
    }

    @Test
    void wrongCredentialsTypeFailsNamingTheId() throws Exception {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "userpass", "not a key", "bob", "s3cr3t-passw0rd-long"));
        WorkflowJob p = job("p", "neonCreateBranch(credentialsId: 'userpass', projectId: '" + emu.projectId()
                + "', apiUrl: '" + emu.baseUrl() + "')\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Credentials 'userpass' are of type", b);
        j.assertLogContains("'Secret text'", b);
        j.assertLogNotContains("s3cr3t-passw0rd-long", b);
    }

    @Test
    void wrongApiKeyFailsClearly() throws Exception {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "revoked", "revoked key", Secret.fromString("revoked-key-123")));
        WorkflowJob p = job("p", "neonCreateBranch(credentialsId: 'revoked', projectId: '" + emu.projectId()
                + "', apiUrl: '" + emu.baseUrl() + "')\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("neonCreateBranch failed", b);
        j.assertLogContains("401", b);
        j.assertLogNotContains("revoked-key-123", b);
    }

    @Test
    void folderScopedCredentials() throws Exception {
        Folder folder = j.jenkins.createProject(Folder.class, "team");
        CredentialsStore folderStore = null;
        for (CredentialsStore s : CredentialsProvider.lookupStores(folder)) {
            if (s.getProvider() instanceof FolderCredentialsProvider && s.getContext() == folder) {
                folderStore = s;
            }
        }
        assertTrue(folderStore != null, "folder credentials store");
        folderStore.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "team-neon",
                "team key", Secret.fromString(API_KEY)));
        String script = "def b = neonCreateBranch(" + connectionArgs(emu, "team-neon") + ")\necho \"made ${b.branchName}\"\n";

        WorkflowJob inside = folder.createProject(WorkflowJob.class, "app");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun ok = j.buildAndAssertSuccess(inside);
        j.assertLogContains("made " + BranchNames.derive("ci", "team/app", "1"), ok);

        WorkflowJob outside = job("outside", script);
        WorkflowRun notFound = j.buildAndAssertStatus(Result.FAILURE, outside);
        j.assertLogContains("Could not find credentials 'team-neon'", notFound);
    }

    @Test
    void invalidInputFailsBeforeAnyRequest() throws Exception {
        WorkflowJob p = job("p", "withNeonBranch(credentialsId: '" + CREDENTIALS_ID + "', projectId: 'Not A Project', apiUrl: '"
                + emu.baseUrl() + "') { echo 'body ran' }\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("projectId: ", b);
        j.assertLogNotContains("body ran", b);
        assertEquals(0, emu.requestLog().size(), "no request sent");
    }

    @Test
    void globalDefaultsApplyAndStepParametersOverride() throws Exception {
        NeonGlobalConfiguration g = NeonGlobalConfiguration.get();
        g.setApiUrl(emu.baseUrl());
        g.setProjectId(emu.projectId());
        g.setCredentialsId(CREDENTIALS_ID);
        WorkflowJob p = job("p", ""
                + "def b = neonCreateBranch()\n"
                + "echo \"default made ${b.branchName}\"\n"
                + "def c = neonCreateBranch(branchName: 'other', projectId: 'no-such-project')\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("default made " + BranchNames.derive("ci", "p", "1"), b);
        // the step's projectId wins over the default: the emulator does not know that project
        j.assertLogContains("neonCreateBranch failed", b);
        assertFalse(exists(emu, "other"));
    }
}
