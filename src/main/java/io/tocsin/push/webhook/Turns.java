package io.tocsin.push.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which lanes the webhook pump looks at in its next turn. A completion readies only its own lane, and one that
 * waits for a connection slot on the same target; new log entries, a change of the subscriptions, a retry falling
 * due, and every {@code idleMs} look at all of them. A thousand completions of one alert so cost a thousand steps,
 * not a thousand times a thousand. Used by the pump thread only, except {@link #all()}.
 */
final class Turns {
    private final long idleMs;
    private final LinkedHashSet<Lane> ready = new LinkedHashSet<>();
    private final Map<String, ArrayDeque<Lane>> waitingForSlot = new HashMap<>();
    /** Attempts in flight per target (host:port), at most {@link HttpSender#PER_TARGET}. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private volatile boolean scanAll = true;
    private long lastScan;
    private Instant nextDue;

    Turns(long idleMs) {
        this.idleMs = idleMs;
    }

    /** The next turn looks at every lane (any thread). */
    void all() {
        scanAll = true;
    }

    /** Whether this turn looks at every lane; if so, starts it (forgets what was readied: all are looked at). */
    boolean fullTurn(Instant now) {
        long t = System.nanoTime();
        boolean full = scanAll || (nextDue != null && !now.isBefore(nextDue))
                || t - lastScan >= TimeUnit.MILLISECONDS.toNanos(idleMs);
        if (full) {
            scanAll = false;
            lastScan = t;
            nextDue = null;
            ready.clear();
            waitingForSlot.clear();
        }
        return full;
    }

    /** The lanes readied since the last turn, taken. */
    List<Lane> take() {
        List<Lane> these = List.copyOf(ready);
        ready.clear();
        return these;
    }

    /**
     * Takes a connection slot on the lane's target for an attempt about to be dispatched; false (and the lane waits
     * for a slot) when the target has {@link HttpSender#PER_TARGET} in flight.
     */
    boolean slot(Lane lane) {
        int n = inFlight.getOrDefault(lane.origin(), 0);
        if (n >= HttpSender.PER_TARGET) {
            waitingForSlot.computeIfAbsent(lane.origin(), o -> new ArrayDeque<>()).add(lane);
            return false;
        }
        inFlight.put(lane.origin(), n + 1);
        return true;
    }

    /** An attempt of this lane completed on {@code origin}: its slot is free; it and one waiting lane go next. */
    void completed(Lane lane, String origin) {
        inFlight.merge(origin, -1, Integer::sum);
        ready.add(lane);
        ArrayDeque<Lane> waiting = waitingForSlot.get(origin);
        Lane next = waiting == null ? null : waiting.poll();
        if (next != null) {
            ready.add(next);
        }
    }

    /** Every lane is looked at by {@code at} (a retry falls due then). */
    void due(Instant at) {
        if (nextDue == null || at.isBefore(nextDue)) {
            nextDue = at;
        }
    }

    /** How long the pump may sleep now. */
    long waitMs(Instant now) {
        return nextDue == null ? idleMs : Math.max(1, Math.min(idleMs, Duration.between(now, nextDue).toMillis()));
    }
}
