package io.jenkins.plugins.neonci;

import static io.jenkins.plugins.neonci.NeonTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.neonci.NeonTestSupport.addApiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Global configuration round trip, Snippet Generator round trips, form validation and the credentials list. */
@WithJenkins
class NeonConfigurationTest {

    @Test
    void globalConfigurationSurvivesTheFormAndARestart(JenkinsRule j) throws Throwable {
        addApiKey(j, CREDENTIALS_ID);
        NeonGlobalConfiguration g = NeonGlobalConfiguration.get();
        assertNull(g.getProjectId(), "not set initially");
        g.setApiUrl("http://127.0.0.1:4010/api/v2");
        g.setProjectId("plain-frost-123456");
        g.setCredentialsId(CREDENTIALS_ID);
        j.configRoundtrip(); // submits Manage Jenkins » System unchanged
        assertEquals("http://127.0.0.1:4010/api/v2", g.getApiUrl());
        assertEquals("plain-frost-123456", g.getProjectId());
        assertEquals(CREDENTIALS_ID, g.getCredentialsId());

        j.restart();
        NeonGlobalConfiguration reloaded = NeonGlobalConfiguration.get();
        assertEquals("http://127.0.0.1:4010/api/v2", reloaded.getApiUrl());
        assertEquals("plain-frost-123456", reloaded.getProjectId());
        assertEquals(CREDENTIALS_ID, reloaded.getCredentialsId());
    }

    @Test
    void snippetGeneratorRoundTrips(JenkinsRule j) throws Exception {
        addApiKey(j, CREDENTIALS_ID);
        SnippetizerTester st = new SnippetizerTester(j);

        NeonCreateBranchStep create = new NeonCreateBranchStep();
        create.setCredentialsId(CREDENTIALS_ID);
        create.setProjectId("plain-frost-123456");
        create.setTtl("2h");
        create.setTimeout(120);
        st.assertRoundTrip(create,
                "neonCreateBranch credentialsId: 'neon-api-key', projectId: 'plain-frost-123456', timeout: 120, ttl: '2h'");

        NeonDeleteBranchStep delete = new NeonDeleteBranchStep("ci/p/1");
        delete.setCredentialsId(CREDENTIALS_ID);
        st.assertRoundTrip(delete, "neonDeleteBranch branch: 'ci/p/1', credentialsId: 'neon-api-key'");
        st.assertRoundTrip(new NeonDeleteBranchStep("ci/p/1"), "neonDeleteBranch 'ci/p/1'");

        WithNeonBranchStep with = new WithNeonBranchStep();
        with.setCredentialsId(CREDENTIALS_ID);
        with.setProjectId("plain-frost-123456");
        with.setKeep(true);
        with.setSslMode("verify-full");
        st.assertRoundTrip(with, "withNeonBranch(credentialsId: 'neon-api-key', keep: true, projectId: 'plain-frost-123456', "
                + "sslMode: 'verify-full') {\n    // some block\n}");
        st.assertRoundTrip(new WithNeonBranchStep(), "withNeonBranch {\n    // some block\n}");
    }

    @Test
    void stepFormsRoundTrip(JenkinsRule j) throws Exception {
        addApiKey(j, CREDENTIALS_ID);
        StepConfigTester t = new StepConfigTester(j);

        WithNeonBranchStep with = new WithNeonBranchStep();
        with.setCredentialsId(CREDENTIALS_ID);
        with.setProjectId("plain-frost-123456");
        with.setBranchName("feature-x");
        with.setParent("main");
        with.setDatabase("app");
        with.setRole("app_owner");
        with.setSslMode("verify-full");
        with.setTtl("2h");
        with.setSuspendTimeout(300);
        with.setTimeout(120);
        with.setApiUrl("http://127.0.0.1:4010/api/v2");
        with.setKeep(true);
        j.assertEqualDataBoundBeans(with, t.configRoundTrip(with));

        NeonCreateBranchStep create = new NeonCreateBranchStep();
        create.setCredentialsId(CREDENTIALS_ID);
        create.setProjectId("plain-frost-123456");
        create.setExpiresAt("2030-01-01T00:00:00Z");
        j.assertEqualDataBoundBeans(create, t.configRoundTrip(create));

        NeonDeleteBranchStep delete = new NeonDeleteBranchStep("br-cool-darkness-123456");
        delete.setCredentialsId(CREDENTIALS_ID);
        delete.setTimeout(30);
        j.assertEqualDataBoundBeans(delete, t.configRoundTrip(delete));
    }

    @Test
    void formValidationUsesTheCoreRules(JenkinsRule j) {
        NeonGlobalConfiguration g = NeonGlobalConfiguration.get();
        assertEquals(FormValidation.Kind.OK, g.doCheckApiUrl("").kind);
        assertEquals(FormValidation.Kind.OK, g.doCheckApiUrl("https://console.neon.tech/api/v2").kind);
        assertEquals(FormValidation.Kind.OK, g.doCheckApiUrl("http://127.0.0.1:4010/api/v2").kind);
        FormValidation plainHttp = g.doCheckApiUrl("http://neon.example.com/api/v2");
        assertEquals(FormValidation.Kind.ERROR, plainHttp.kind);
        assertTrue(plainHttp.getMessage().contains("apiUrl"), plainHttp.getMessage());
        assertEquals(FormValidation.Kind.ERROR, g.doCheckProjectId("Not A Project").kind);
        assertEquals(FormValidation.Kind.OK, g.doCheckProjectId("plain-frost-123456").kind);

        WithNeonBranchStep.DescriptorImpl d = j.jenkins.getDescriptorByType(WithNeonBranchStep.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckTtl("soon").kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckTtl("2h").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckExpiresAt("tomorrow").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckTimeout("-3").kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckTimeout("0").kind);
    }

    @Test
    void credentialsListShowsSecretTextOnly(JenkinsRule j) throws Exception {
        addApiKey(j, CREDENTIALS_ID);
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p");
        NeonCreateBranchStep.DescriptorImpl d = j.jenkins.getDescriptorByType(NeonCreateBranchStep.DescriptorImpl.class);
        ListBoxModel items = d.doFillCredentialsIdItems(p, "");
        assertTrue(items.stream().anyMatch(o -> o.value.equals(CREDENTIALS_ID)), "lists the Secret text credential");
        assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(p, CREDENTIALS_ID).kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckCredentialsId(p, "missing").kind);
    }
}
