package io.jenkins.plugins.neonci.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neonci.core.client.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void stepValuesWinOverGlobalDefaults() {
        ConnectionSettings s = ConnectionSettings.resolve("http://127.0.0.1:4010/api/v2", "step-project", "step-creds",
                "https://neon.example.com/api/v2", "global-project", "global-creds");
        assertEquals("http://127.0.0.1:4010/api/v2", s.apiUrl());
        assertEquals("step-project", s.projectId());
        assertEquals("step-creds", s.credentialsId());
    }

    @Test
    void blankStepValuesFallBackToDefaults() {
        ConnectionSettings s = ConnectionSettings.resolve(" ", null, "", null, "global-project", "global-creds");
        assertEquals(ConnectionSettings.DEFAULT_API_URL, s.apiUrl());
        assertEquals("global-project", s.projectId());
        assertEquals("global-creds", s.credentialsId());
    }

    @Test
    void missingOrInvalidValuesNameTheParameter() {
        assertEquals("projectId", assertThrows(InvalidInputException.class,
                () -> ConnectionSettings.resolve(null, null, "c", null, null, null)).input());
        assertEquals("credentialsId", assertThrows(InvalidInputException.class,
                () -> ConnectionSettings.resolve(null, "p", null, null, null, null)).input());
        assertEquals("projectId", assertThrows(InvalidInputException.class,
                () -> ConnectionSettings.resolve(null, "Not A Project", "c", null, null, null)).input());
        assertEquals("apiUrl", assertThrows(InvalidInputException.class,
                () -> ConnectionSettings.resolve("http://neon.example.com/api/v2", "p", "c", null, null, null)).input());
    }
}
