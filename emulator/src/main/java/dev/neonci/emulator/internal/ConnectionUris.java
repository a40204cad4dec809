package dev.neonci.emulator.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds Postgres connection URIs the way Neon's connection_uri endpoint does. */
final class ConnectionUris {

    private ConnectionUris() {
    }

    /** Neon's pooled host inserts "-pooler" after the endpoint id: ep-x-y-123.region... -> ep-x-y-123-pooler.region... */
    static String poolerHost(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host + "-pooler" : host.substring(0, dot) + "-pooler" + host.substring(dot);
    }

    static String uri(String role, String password, String host, String database, boolean pooled) {
        return "postgresql://" + encode(role) + ":" + encode(password) + "@" + (pooled ? poolerHost(host) : host)
                + "/" + encode(database) + "?sslmode=require&channel_binding=require";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
