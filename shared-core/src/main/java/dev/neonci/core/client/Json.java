package dev.neonci.core.client;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one Gson configuration for Neon's JSON: snake_case field names (the spec's), RFC 3339 instants.
 * Java's module system forbids Gson's reflection into {@code java.time}, hence the explicit adapter.
 */
final class Json {

    static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .disableHtmlEscaping()
            .create();

    private Json() {
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                in.skipValue();
                return null;
            }
            String s = in.nextString();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e2) {
                    // A timestamp Neon formats differently must not make a whole response unusable.
                    return null;
                }
            }
        }
    }
}
