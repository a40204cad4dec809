package dev.neonci.emulator;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every request the emulator received, oldest first. Thread-safe.
 *
 * <p>Reads as an unmodifiable {@code List<RecordedRequest>} (get, size, stream, iterate over a
 * consistent {@link #snapshot()}); {@link #clear()} forgets everything recorded so far.
 */
public final class RequestLog extends AbstractList<RecordedRequest> {

    private final List<RecordedRequest> entries = new ArrayList<>();

    void record(RecordedRequest request) {
        synchronized (entries) {
            entries.add(request);
        }
    }

    /** An immutable copy of the log as it is now. */
    public List<RecordedRequest> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Requests with this method (null or "*" = any) whose path contains a match of {@code pathRegex}. */
    public List<RecordedRequest> matching(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        String wanted = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
        return snapshot().stream()
                .filter(r -> wanted == null || wanted.equals(r.method()))
                .filter(r -> pattern.matcher(r.path()).find())
                .collect(Collectors.toUnmodifiableList());
    }

    /** The most recent request, or null if none. */
    public RecordedRequest last() {
        synchronized (entries) {
            return entries.isEmpty() ? null : entries.get(entries.size() - 1);
        }
    }

    @Override
    public RecordedRequest get(int index) {
        synchronized (entries) {
            return entries.get(index);
        }
    }

    @Override
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Iterates over a snapshot, so concurrent requests never cause ConcurrentModificationException. */
    @Override
    public java.util.Iterator<RecordedRequest> iterator() {
        return snapshot().iterator();
    }

    @Override
    public java.util.stream.Stream<RecordedRequest> stream() {
        return snapshot().stream();
    }

    @Override
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
