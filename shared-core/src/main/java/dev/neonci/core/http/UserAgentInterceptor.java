package dev.neonci.core.http;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds {@code User-Agent: neon-ci/<version> (<product>)} and {@code Accept: application/json}. */
public final class UserAgentInterceptor implements Interceptor {

    private final String userAgent;

    public UserAgentInterceptor(String userAgent) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    public String userAgent() {
        return userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder()
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .build());
    }
}
