package io.tocsin.push;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes each entry once however many followers ask: a thousand subscriptions in one format share one encoding of
 * an alert. Followers at about the same cursor ask for the same few seqs in turn, so a small map of the latest ones
 * is enough. Thread-safe.
 */
public final class CachingEncoder implements PushEncoder {
    private static final int KEEP = 256;
    private final PushEncoder inner;
    private final Map<Long, List<Message>> cache = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Message>> eldest) {
            return size() > KEEP;
        }
    };

    public CachingEncoder(PushEncoder inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public synchronized List<Message> encode(Entry entry) {
        return cache.computeIfAbsent(entry.seq(), s -> List.copyOf(inner.encode(entry)));
    }
}
