package io.tocsin.app;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.Problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IETF idempotency-key rules around a write: a key still in flight in this process is refused (409); a key
 * already recorded gives back the events it recorded, so the reply is the original one (or 422 when the request
 * differs). The key itself is recorded by the log, in the append's transaction.
 */
final class IdempotentWrites {
    /** How long keys are remembered: longer than the 24 h a client may expect to retry within. */
    static final Duration RETENTION = Duration.ofHours(48);

    private final EventLog log;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    IdempotentWrites(EventLog log) {
        this.log = log;
    }

    /** A key marked in flight; closing it ends that. */
    interface InFlight extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks the key in flight until the returned handle is closed; 409 if it already is. */
    InFlight enter(IdempotencyKey key) {
        String slot = key.scope() + "\u0000" + key.key();
        if (!inFlight.add(slot)) {
            throw new DomainException(Problem.IDEMPOTENCY_KEY_IN_USE,
                    "a request with Idempotency-Key '" + key.key() + "' is still being processed; retry after it ends");
        }
        return () -> inFlight.remove(slot);
    }

    /** The events an earlier write with this key recorded, if any; 422 when that write was another request. */
    Optional<List<LoggedEvent>> recorded(IdempotencyKey key) {
        return log.findIdempotent(key).map(stored -> {
            if (!stored.fingerprint().equals(key.fingerprint())) {
                throw new DomainException(Problem.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key.key()
                        + "' was used for a different request (seq " + stored.firstSeq() + ")");
            }
            List<LoggedEvent> events = log.after(stored.firstSeq() - 1, stored.count());
            if (events.size() != stored.count()) {
                throw new NotRecordedException("the events of Idempotency-Key '" + key.key() + "' are not in the log",
                        null);
            }
            return events;
        });
    }

    int forgetOlderThan(java.time.Instant now) {
        return log.forgetIdempotencyKeys(now.minus(RETENTION).toEpochMilli());
    }
}
