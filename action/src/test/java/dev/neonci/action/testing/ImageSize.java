package dev.neonci.action.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Sizes of what goes into the image, in decimal megabytes (10^6 bytes) — the unit registries and
 * {@code docker images} report and the one the "≤ 50 MB" budget is stated in.
 */
public final class ImageSize {

    /** The budget for the runtime and, separately, for the whole image contents. */
    public static final long BUDGET_BYTES = 50_000_000L;

    private ImageSize() {
    }

    /** Bytes of all regular files below {@code dir}. */
    public static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }
}
