package dev.neonci.core.http;

import dev.neonci.core.client.InvalidInputException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Which base URLs the client accepts: {@code https://} anywhere, plain {@code http://} only on loopback
 * (the emulator, a local proxy), because over plain HTTP the API key would cross the network readable.
 * Loopback is decided from the literal host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) without
 * DNS, so a name cannot be made to resolve to loopback for the check and elsewhere for the request.
 */
public final class TransportSafety {

    private TransportSafety() {
    }

    /**
     * Parses and checks a base URL.
     *
     * @param input the input's name for the error message, e.g. {@code api_host}
     * @throws InvalidInputException naming {@code input} if the URL is unusable or unsafe
     */
    public static HttpUrl checkBaseUrl(String input, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(input, "is empty (expected an https:// URL such as https://console.neon.tech/api/v2)");
        }
        String trimmed = value.trim();
        if (!trimmed.contains("://")) {
            // Not even URL-shaped: it may be the API key pasted into the wrong input, so it is not echoed.
            throw new InvalidInputException(input, "is not a URL (expected an https:// URL such as"
                    + " https://console.neon.tech/api/v2; the value is not shown, as it may be a key pasted into the wrong input)");
        }
        HttpUrl url = HttpUrl.parse(trimmed);
        if (url == null) {
            throw new InvalidInputException(input, "\"" + printable(trimmed) + "\" is not a valid URL"
                    + " (expected an https:// URL such as https://console.neon.tech/api/v2)");
        }
        if (url.username().length() > 0 || url.password().length() > 0) {
            // Never echo it: the user part may be a credential.
            throw new InvalidInputException(input, "must not contain user information (credentials belong in api_key)");
        }
        if (url.query() != null || url.fragment() != null) {
            throw new InvalidInputException(input, "\"" + printable(url.scheme() + "://" + url.host() + url.encodedPath())
                    + "...\" must not have a query or fragment (expected a base URL such as https://console.neon.tech/api/v2)");
        }
        if ("http".equals(url.scheme()) && !isLoopback(url.host())) {
            throw new InvalidInputException(input, "\"" + printable(trimmed) + "\" uses plain http:// on a non-loopback host"
                    + " (expected https://, or http:// only for localhost, 127.0.0.0/8 or ::1)");
        }
        return url;
    }

    /** {@code localhost}, an IPv4 address in 127.0.0.0/8, or {@code ::1}. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
