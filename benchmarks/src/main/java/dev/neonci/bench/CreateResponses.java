package dev.neonci.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.neonci.emulator.NeonEmulator;
import dev.neonci.emulator.RecordedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads what the emulator answered to branch-create requests: the operations a create started. */
final class CreateResponses {

    private CreateResponses() {
    }

    static boolean isCreate(RecordedRequest r) {
        return r.method().equals("POST") && r.path().matches(".*/projects/[^/]+/branches") && r.status() == 201;
    }

    static boolean isPoll(RecordedRequest r) {
        return r.method().equals("GET") && r.path().contains("/operations/");
    }

    static List<String> operationIds(RecordedRequest create) {
        List<String> ids = new ArrayList<>();
        JsonObject body = JsonParser.parseString(create.responseBody()).getAsJsonObject();
        for (JsonElement op : body.getAsJsonArray("operations")) {
            ids.add(op.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    /** When the emulator marked the last operation of this create finished: the branch is ready from then on. */
    static Instant readyAt(NeonEmulator emulator, RecordedRequest create) {
        Instant last = create.timestamp();
        for (String id : operationIds(create)) {
            Instant finished = emulator.operationFinishedAt(id);
            if (finished != null && finished.isAfter(last)) {
                last = finished;
            }
        }
        return last;
    }
}
