package dev.neonci.action.github;

import dev.neonci.core.client.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionInputsTest {

    @Test
    void variableNameFollowsTheRunnersRule() {
        // Upper case, spaces -> '_', hyphens kept (docs: octocat-eye-color -> INPUT_OCTOCAT-EYE-COLOR).
        assertEquals("INPUT_BRANCH_NAME", ActionInputs.variableName("branch_name"));
        assertEquals("INPUT_OCTOCAT-EYE-COLOR", ActionInputs.variableName("octocat-eye-color"));
        assertEquals("INPUT_MY_INPUT", ActionInputs.variableName("my input"));
        assertEquals("INPUT_API_KEY", ActionInputs.variableName("API_key"));
    }

    @Test
    void variantsPutTheRunnersSpellingFirst() {
        assertEquals(List.of("INPUT_BRANCH_NAME", "INPUT_BRANCH-NAME"), ActionInputs.variableNames("branch_name"));
        assertEquals(List.of("INPUT_DRY_RUN", "INPUT_DRY-RUN"), ActionInputs.variableNames("dry_run"));
        assertEquals(List.of("INPUT_PREFIX"), ActionInputs.variableNames("prefix"));
    }

    @Test
    void readsTheUnderscoreSpellingAndTrims() {
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_BRANCH_NAME", "  ci-42 \n"));
        assertEquals("ci-42", inputs.get("branch_name"));
    }

    @Test
    void acceptsTheHyphenatedSpellingOfOurNames() {
        // A workflow that writes `branch-name:` reaches the container as INPUT_BRANCH-NAME.
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_BRANCH-NAME", "preview/pr-7", "INPUT_DELETE-ON-JOB-END", "true"));
        assertEquals("preview/pr-7", inputs.get("branch_name"));
        assertTrue(inputs.getBoolean("delete_on_job_end", false));
    }

    @Test
    void theOtherSpellingOverridesTheDeclaredDefaultAndBlankFallsThrough() {
        // action.yml declares branch_type with default "default": the runner sets INPUT_BRANCH_TYPE=default
        // and, for `branch-type: schema-only` in the workflow, INPUT_BRANCH-TYPE=schema-only. The user wins.
        ActionInputs both = new ActionInputs(Map.of("INPUT_BRANCH_TYPE", "default", "INPUT_BRANCH-TYPE", "schema-only"));
        assertEquals("schema-only", both.get("branch_type"));
        // The runner sets declared inputs without a value to "", so a blank underscore variable must not
        // hide a hyphenated one the user did set.
        ActionInputs blank = new ActionInputs(Map.of("INPUT_BRANCH_NAME", "", "INPUT_BRANCH-NAME", "b"));
        assertEquals("b", blank.get("branch_name"));
    }

    @Test
    void absentIsEmptyOrDefault() {
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_DATABASE", "   "));
        assertEquals("", inputs.get("database"));
        assertNull(inputs.getOrNull("database"));
        assertEquals("neondb", inputs.get("database", "neondb"));
        assertEquals("", inputs.get("role"));
    }

    @Test
    void otherVariablesAreNotInputs() {
        ActionInputs inputs = new ActionInputs(Map.of("BRANCH_NAME", "x", "input_branch_name", "y"));
        assertEquals("", inputs.get("branch_name"));
    }

    @Test
    void requiredInputMissingNamesTheInput() {
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_API_KEY", "k"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> inputs.required("project_id"));
        assertEquals("project_id", e.input());
        assertTrue(e.getMessage().startsWith("project_id: "), e.getMessage());
        assertEquals("k", inputs.required("api_key"));
    }

    @Test
    void booleansAreValidatedByTheCoreNamingTheInput() {
        for (String t : List.of("true", "True", "TRUE", "yes", "1")) {
            assertTrue(new ActionInputs(Map.of("INPUT_DRY_RUN", t)).getBoolean("dry_run", false), t);
        }
        for (String f : List.of("false", "False", "FALSE", "no", "0")) {
            assertFalse(new ActionInputs(Map.of("INPUT_DRY_RUN", f)).getBoolean("dry_run", true), f);
        }
        assertTrue(new ActionInputs(Map.of()).getBoolean("dry_run", true));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ActionInputs(Map.of("INPUT_DRY-RUN", "maybe")).getBoolean("dry_run", false));
        assertEquals("dry_run", e.input());
        assertTrue(e.getMessage().contains("\"maybe\""), e.getMessage());
    }
}
