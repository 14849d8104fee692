package io.tocsin.cap.mapping;

import io.tocsin.cap.CapReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which local alert each imported CAP message became, so that an Update or Cancel can find the alert its
 * references name. Keyed by {@code sender,identifier} (CAP makes the identifier unique per sender; {@code sent} is
 * not needed to tell messages apart, and senders that re-format it would otherwise be lost).
 *
 * <p>Our own messages need no entry: {@code urn:tocsin:<alert>:<seq>} from our sender names the alert directly, so an
 * exported message edited into an Update and posted back links durably. Imported links are written to the
 * {@link Store} (the database's {@code cap_links} table) and cached in memory (the last {@link #CAPACITY}), so they
 * survive restarts. A link is written right after its event is durable; a crash between the two loses only the
 * link, and a later Update naming that message is then refused as {@code cap-unknown-reference}, never misapplied.
 * Thread-safe.
 */
public final class CapLinks {
    static final int CAPACITY = 100_000;

    /** Durable storage of imported links. */
    public interface Store {
        void put(String sender, String identifier, String alertId);

        Optional<String> get(String sender, String identifier);

        /** Nothing durable: for tests and tools that import once. */
        Store NONE = new Store() {
            @Override
            public void put(String sender, String identifier, String alertId) {
            }

            @Override
            public Optional<String> get(String sender, String identifier) {
                return Optional.empty();
            }
        };
    }

    private final String ownSender;
    private final Store store;
    private final Map<String, String> imported = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    public CapLinks(String ownSender) {
        this(ownSender, Store.NONE);
    }

    public CapLinks(String ownSender, Store store) {
        this.ownSender = ownSender;
        this.store = store;
    }

    /** Remembers that the message {@code sender,identifier} acted on {@code alertId}. */
    public synchronized void record(String sender, String identifier, String alertId) {
        store.put(sender.strip(), identifier.strip(), alertId);
        imported.put(key(sender, identifier), alertId);
    }

    /**
     * The local alert a message is about: one we exported ({@code exists} says whether the alert is ours) or one we
     * imported.
     */
    public synchronized Optional<String> find(String sender, String identifier, Predicate<String> exists) {
        if (ownSender.equalsIgnoreCase(sender.strip())) {
            Optional<String> own = CapIds.alertOf(identifier.strip()).filter(exists);
            if (own.isPresent()) {
                return own;
            }
        }
        String cached = imported.get(key(sender, identifier));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = store.get(sender.strip(), identifier.strip());
        stored.ifPresent(id -> imported.put(key(sender, identifier), id));
        return stored;
    }

    public Optional<String> find(CapReference ref, Predicate<String> exists) {
        return find(ref.sender(), ref.identifier(), exists);
    }

    private static String key(String sender, String identifier) {
        return sender.strip() + "," + identifier.strip();
    }
}
