package dev.neonci.core.http;

import java.io.IOException;
import java.util.UUID;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Gives each attempt its own {@code X-Request-ID} (a random UUID). Neon echoes it as {@code request_id}
 * and logs it, so an error message that quotes it lets Neon support find the request. Installed inside
 * the retry interceptor: a retry is a new request on Neon's side and gets a new id; the error names the
 * last one.
 */
public final class RequestIdInterceptor implements Interceptor {

    public static final String HEADER = "X-Request-ID";

    @Override
    public Response intercept(Chain chain) throws IOException {
        String id = UUID.randomUUID().toString();
        Request request = chain.request().newBuilder().header(HEADER, id).build();
        CallContext ctx = request.tag(CallContext.class);
        if (ctx != null) {
            ctx.lastRequestId(id);
        }
        return chain.proceed(request);
    }
}
