package dev.neonci.core.ci;

import dev.neonci.core.client.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives a Neon branch name from CI context, e.g. {@code derive("ci", "My Job", "42")} →
 * {@code ci/my-job/42}, {@code derive("pr", "17")} → {@code pr/17}.
 *
 * <p>Rules: the prefix and each non-blank part are lower-cased; every run of characters outside
 * {@code [a-z0-9._-]} becomes one {@code -}; leading/trailing {@code -} and {@code .} are trimmed; the
 * pieces are joined with {@code /} (Neon allows it, and it reads like a path: {@code preview/…} is Neon's own
 * convention). Blank parts are skipped. The result is at most {@value #MAX_LENGTH} characters: a longer name
 * is cut and ends in {@code -} plus 8 hex digits of the SHA-256 of the full name, so two long names that
 * differ only at the end still give different branches, and the same input always gives the same name
 * (a re-run reuses its branch). Neon's limit is 256; shorter names stay readable in the console and logs.
 */
public final class BranchNames {

    public static final int MAX_LENGTH = 128;

    private BranchNames() {
    }

    /**
     * @throws InvalidInputException ({@code branch_name}) if nothing usable is left after sanitising
     */
    public static String derive(String prefix, String... parts) {
        List<String> pieces = new ArrayList<>();
        String p = sanitise(prefix);
        if (!p.isEmpty()) {
            pieces.add(p);
        }
        if (parts != null) {
            for (String part : parts) {
                String s = sanitise(part);
                if (!s.isEmpty()) {
                    pieces.add(s);
                }
            }
        }
        if (pieces.isEmpty()) {
            throw new InvalidInputException("branch_name", "cannot be derived: the prefix and CI context are empty"
                    + " or contain no letters or digits");
        }
        String name = String.join("/", pieces);
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String hash = sha256Hex(name).substring(0, 8);
        String head = name.substring(0, MAX_LENGTH - 9).replaceAll("[-./]+$", "");
        return head + "-" + hash;
    }

    /** One piece: lower case, runs of other characters to {@code -}, trimmed. */
    static String sanitise(String s) {
        if (s == null) {
            return "";
        }
        String lower = s.trim().toLowerCase(Locale.ROOT);
        String replaced = lower.replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-");
        return replaced.replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
    }

    private static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
