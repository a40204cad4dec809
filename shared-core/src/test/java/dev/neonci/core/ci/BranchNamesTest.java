package dev.neonci.core.ci;

import static org.junit.jupiter.api.Assertions.*;

import dev.neonci.core.client.InvalidInputException;
import org.junit.jupiter.api.Test;

class BranchNamesTest {

    @Test
    void joinsSanitisedPartsWithSlashes() {
        assertEquals("ci/my-job/42", BranchNames.derive("ci", "my-job", "42"));
        assertEquals("ci/my-job/42", BranchNames.derive("CI", "My Job", "#42"));
        assertEquals("pr/17", BranchNames.derive("pr", "17"));
        assertEquals("ci/org-repo/feature-x/build-7", BranchNames.derive("ci", "org/repo", "feature/x", "build 7"));
        assertEquals("ci/a-b", BranchNames.derive("ci", "--a__b--".replace("__", "!!")));
        assertEquals("ci/x", BranchNames.derive("ci", null, "", "  ", "x"));
        assertEquals("ci/caf", BranchNames.derive("ci", "café"));
        assertEquals("ci/v1.2", BranchNames.derive("ci", ".v1.2."));
    }

    @Test
    void isDeterministicAndBounded() {
        String longJob = "job-" + "x".repeat(300);
        String a = BranchNames.derive("ci", longJob, "1");
        String b = BranchNames.derive("ci", longJob, "2");
        assertEquals(BranchNames.MAX_LENGTH, a.length());
        assertTrue(b.length() <= BranchNames.MAX_LENGTH);
        assertNotEquals(a, b, "long names differing only at the end stay distinct");
        assertEquals(a, BranchNames.derive("ci", longJob, "1"), "same input, same name: a re-run reuses its branch");
        assertTrue(a.matches("[a-z0-9._/-]+-[0-9a-f]{8}"), a);
    }

    @Test
    void resultIsAlwaysAValidBranchName() {
        String[] inputs = {"a", "Ünïcödé 名前", "////", "x".repeat(1000), "tab\there", "emoji 🚀 rocket"};
        for (String in : inputs) {
            try {
                String name = BranchNames.derive("ci", in);
                assertEquals(name, Inputs.branchName("branch_name", name));
                assertTrue(name.matches("[a-z0-9._/-]+"), name);
            } catch (InvalidInputException e) {
                fail(in + ": " + e.getMessage());
            }
        }
    }

    @Test
    void nothingUsableIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BranchNames.derive("", "!!!", null));
        assertEquals("branch_name", e.input());
    }
}
