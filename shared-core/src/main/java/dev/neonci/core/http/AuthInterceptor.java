package dev.neonci.core.http;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <api key>} to every request. The key lives only here (and in the
 * request on the wire); {@link #toString()} never shows it.
 */
public final class AuthInterceptor implements Interceptor {

    private final String apiKey;

    public AuthInterceptor(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder()
                .header("Authorization", "Bearer " + apiKey)
                .build());
    }

    @Override
    public String toString() {
        return "AuthInterceptor[apiKey=****]";
    }
}
