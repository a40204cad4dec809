package dev.neonci.emulator.internal;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Neon-style identifiers: {@code br-<adjective>-<noun>-<8 hex>}, {@code ep-...}, role passwords.
 * Not thread-safe on its own; the store calls it under its lock.
 */
final class NameGenerator {

    private static final String[] ADJECTIVES = {
        "aged", "bitter", "bold", "calm", "cool", "crimson", "damp", "dark", "dawn", "delicate", "divine",
        "empty", "falling", "floral", "fragrant", "frosty", "gentle", "green", "hidden", "holy", "icy",
        "jolly", "late", "lingering", "little", "lively", "long", "lucky", "misty", "morning", "muddy",
        "noisy", "odd", "old", "orange", "patient", "plain", "polished", "proud", "purple", "quiet", "rapid",
        "raspy", "red", "restless", "rough", "round", "royal", "shiny", "shrill", "shy", "silent", "small",
        "snowy", "soft", "solitary", "sparkling", "spring", "square", "steep", "still", "summer", "super",
        "sweet", "throbbing", "tight", "tiny", "twilight", "wandering", "weathered", "white", "wild", "winter",
        "wispy", "withered", "yellow", "young"
    };
    private static final String[] NOUNS = {
        "art", "band", "bar", "base", "bird", "block", "boat", "bonus", "bread", "breeze", "brook", "bush",
        "butterfly", "cake", "cell", "cherry", "cloud", "credit", "darkness", "dawn", "dew", "disk", "dream",
        "dust", "feather", "field", "fire", "firefly", "flower", "fog", "forest", "frog", "frost", "glade",
        "glitter", "grass", "hall", "hat", "haze", "heart", "hill", "king", "lab", "lake", "leaf", "limit",
        "math", "meadow", "mode", "moon", "morning", "mountain", "mouse", "mud", "night", "paper", "pine",
        "poetry", "pond", "queen", "rain", "recipe", "resonance", "rice", "river", "salad", "scene", "sea",
        "shadow", "shape", "silence", "sky", "smoke", "snow", "snowflake", "sound", "star", "sun", "sunset",
        "surf", "term", "thunder", "tooth", "tree", "truth", "union", "unit", "violet", "voice", "water",
        "waterfall", "wave", "wildflower", "wind", "wood"
    };
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Random random;
    private final Set<String> issued = new HashSet<>();

    NameGenerator(Random random) {
        this.random = random;
    }

    String branchId() {
        return unique("br");
    }

    String endpointId() {
        return unique("ep");
    }

    /** A password shaped like current Neon ones ("npg_" + 12 characters). */
    String password() {
        StringBuilder password = new StringBuilder("npg_");
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    /** A fake but well-formed LSN, e.g. "0/1E887E8". */
    String lsn() {
        return "0/" + Integer.toHexString(0x1000000 + random.nextInt(0x0FFFFFFF)).toUpperCase(java.util.Locale.ROOT);
    }

    private String unique(String prefix) {
        while (true) {
            String candidate = prefix + "-" + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "-"
                    + NOUNS[random.nextInt(NOUNS.length)] + "-" + String.format("%08x", random.nextInt());
            if (issued.add(candidate)) {
                return candidate;
            }
        }
    }
}
