package io.jenkins.plugins.neonci;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** {@code unclassified: neon: …} in Configuration as Code: import and export. */
@WithJenkinsConfiguredWithCode
class NeonCascTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void importsTheNeonSection(JenkinsConfiguredWithCodeRule j) {
        NeonGlobalConfiguration g = NeonGlobalConfiguration.get();
        assertEquals("https://console.neon.tech/api/v2", g.getApiUrl());
        assertEquals("neon-api-key", g.getCredentialsId());
        assertEquals("plain-frost-123456", g.getProjectId());
    }

    @Test
    @ConfiguredWithCode("casc.yml")
    void exportsTheNeonSection(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode neon = getUnclassifiedRoot(context).get("neon");
        assertNotNull(neon, "exported under the @Symbol");
        String yaml = toYamlString(neon);
        assertTrue(yaml.contains("apiUrl: \"https://console.neon.tech/api/v2\""), yaml);
        assertTrue(yaml.contains("credentialsId: \"neon-api-key\""), yaml);
        assertTrue(yaml.contains("projectId: \"plain-frost-123456\""), yaml);
    }
}
