package io.tocsin.cap.mapping;

import io.tocsin.app.EventSink;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CAP messages the feed lists: every public event (each one CAP message) sent within the retention, and the
 * latest message of every active alert whatever its age. A sink of the desk, so it sees each event once it is
 * durable, in seq order, this process's and other processes' alike; seeded at start from the log's last retention
 * window (found by bisecting the log on time, not by reading it all). Every change — a message in, messages out by
 * age — moves the {@link #revision()}, which the feed's ETag and Last-Modified follow. Thread-safe.
 */
public final class CapFeedWindow implements EventSink {
    private final Duration retention;
    private final Clock clock;
    private final TreeMap<Long, LoggedEvent> messages = new TreeMap<>();
    /** Active alert id → the seq of its latest version, which stays listed while the alert is on. */
    private final Map<String, Long> latestOfActive = new HashMap<>();
    private long revision;
    private Instant changedAt;

    public CapFeedWindow(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.changedAt = clock.instant();
    }

    /** What the feed shows now: its messages newest first, and the revision and time of the last change. */
    public record View(List<LoggedEvent> newestFirst, long revision, Instant changedAt) {
    }

    /** Reads the log's events within the retention (up to {@code head}); call once, after adding the sink. */
    public void seed(EventLog log, long head) {
        Instant cutoff = clock.instant().minus(retention);
        long lo = 0;
        long hi = head;
        // The first seq whose event is at or after the cutoff: events are appended in time order.
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            List<LoggedEvent> one = log.after(mid, 1);
            if (one.isEmpty() || !one.get(0).event().at().isBefore(cutoff)) {
                hi = mid;
            } else {
                lo = one.get(0).seq();
            }
        }
        for (List<LoggedEvent> page = log.after(lo, 1000); !page.isEmpty(); ) {
            long last = 0;
            for (LoggedEvent e : page) {
                if (e.seq() > head) {
                    return;
                }
                publish(e);
                last = e.seq();
            }
            page = log.after(last, 1000);
        }
    }

    @Override
    public synchronized void publish(LoggedEvent e) {
        EventType type = e.event().type();
        if (!type.isPublic() || messages.containsKey(e.seq())) {
            return;
        }
        messages.put(e.seq(), e);
        String id = e.event().alert().id();
        if (type == EventType.ENDED) {
            latestOfActive.remove(id);
        } else {
            latestOfActive.put(id, e.seq());
        }
        changed();
    }

    /** The messages listed now, after dropping those past the retention. */
    public synchronized View view() {
        Instant cutoff = clock.instant().minus(retention);
        boolean dropped = false;
        for (Iterator<LoggedEvent> it = messages.values().iterator(); it.hasNext(); ) {
            LoggedEvent e = it.next();
            if (!e.event().at().isBefore(cutoff)) {
                break; // seq order is time order: the rest are newer
            }
            Long latest = latestOfActive.get(e.event().alert().id());
            if (latest == null || latest != e.seq()) {
                it.remove();
                dropped = true;
            }
        }
        if (dropped) {
            changed();
        }
        return new View(new ArrayList<>(messages.descendingMap().values()), revision, changedAt);
    }

    private void changed() {
        revision++;
        changedAt = clock.instant();
    }
}
