package dev.neonci.core.http;

import java.io.IOException;

/** Thrown by {@link RedirectGuardInterceptor}: the server answered with a redirect, which is not followed. */
public final class RedirectRefusedException extends IOException {

    private final int status;
    private final String locationHost;

    public RedirectRefusedException(int status, String locationHost) {
        super("HTTP " + status + " redirect" + (locationHost == null ? "" : " to " + locationHost));
        this.status = status;
        this.locationHost = locationHost;
    }

    public int status() {
        return status;
    }

    /** The host the server redirected to (never the full URL, which might carry tokens), or null. */
    public String locationHost() {
        return locationHost;
    }
}
