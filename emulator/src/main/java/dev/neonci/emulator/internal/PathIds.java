package dev.neonci.emulator.internal;

import java.util.regex.Pattern;

/** The spec's id pattern for project, branch and endpoint ids. */
final class PathIds {

    private static final Pattern ID = Pattern.compile("^[a-z0-9-]{1,60}$");

    private PathIds() {
    }

    static String require(String value, String name) {
        if (!ID.matcher(value).matches()) {
            throw ApiError.badRequest(name + " must match ^[a-z0-9-]{1,60}$");
        }
        return value;
    }
}
