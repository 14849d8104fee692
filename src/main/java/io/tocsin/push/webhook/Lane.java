package io.tocsin.push.webhook;

import io.tocsin.push.Message;

import java.time.Instant;
import java.util.List;

/**
 * One subscription's place in the log and what it is doing: the delivered cursor, the event being delivered (its
 * messages, in order), the failures of the current message and when it may be tried again. Touched only by the
 * engine's pump thread.
 */
final class Lane {
    Webhook hook;
    /** The hook's filter, made once (a step runs per lane per turn). */
    io.tocsin.stream.StreamFilter filter;
    TargetGuard.Target target;
    long cursor;
    boolean dirty;
    boolean removed;
    boolean inFlight;
    /** The event being delivered: its seq and messages, and how many of them are delivered. */
    long pendingSeq;
    List<Message> pending;
    int delivered;
    int failures;
    Instant firstFailure;
    Instant readyAt;
    Instant lastSent;

    Lane(Webhook hook, TargetGuard.Target target, long cursor, Instant now) {
        this.hook = hook;
        this.filter = hook.filter();
        this.target = target;
        this.cursor = cursor;
        this.lastSent = now;
    }

    /**
     * Takes a changed subscription (URL, filters, secrets, enabled); returns whether it was re-enabled, which
     * forgets its failures (it resumes at its cursor, at once).
     */
    boolean change(Webhook w) {
        boolean reEnabled = w.enabled() && !hook.enabled();
        hook = w;
        filter = w.filter();
        try {
            target = TargetGuard.parse(w.url());
        } catch (TargetGuard.Refused e) {
            // validated by the service before it was stored: keep the old target
        }
        if (reEnabled) {
            failures = 0;
            firstFailure = null;
            readyAt = null;
        }
        return reEnabled;
    }

    String origin() {
        return target.host() + ":" + target.port();
    }

    /** Stable across retries and restarts: the same event's same part is always the same message. */
    String messageId(Message m) {
        return "msg_" + hook.id() + "_" + pendingSeq + (m.part() == 0 ? "" : "_" + m.part());
    }

    /** A heartbeat, when the subscription wants them and has sent nothing for that long; else null. */
    Message heartbeatDue(Instant now, long head) {
        int every = hook.heartbeatSeconds();
        if (every <= 0 || java.time.Duration.between(lastSent, now).getSeconds() < every) {
            return null;
        }
        byte[] body = io.tocsin.json.Json.bytes(io.tocsin.json.Json.MAPPER.createObjectNode().put("type", "heartbeat")
                .put("seq", head).put("at", now.toString()));
        return new Message(0, null, "application/json", body);
    }

    Message current() {
        return pending.get(delivered);
    }

    /**
     * Takes an attempt's result: a delivery moves on (the cursor once the event's last message is delivered); a
     * failure schedules the next attempt. Returns why the subscription must now be disabled (410, or failures for
     * longer than the window), else null.
     */
    String settle(HttpSender.Result r, Instant now, RetrySchedule schedule) {
        if (r.delivered()) {
            failures = 0;
            firstFailure = null;
            readyAt = null;
            if (++delivered == pending.size()) {
                cursor = pendingSeq;
                dirty = true;
                pending = null;
            }
            return null;
        }
        if ("gone".equals(r.outcome())) {
            return "the receiver answered 410 Gone";
        }
        failures++;
        if (firstFailure == null) {
            firstFailure = now;
        }
        if (java.time.Duration.between(firstFailure, now).compareTo(schedule.window()) >= 0) {
            return "deliveries failed from " + firstFailure + " for longer than the retry window ("
                    + schedule.window().toHours() + " h, " + failures + " attempts); the last: " + r.error();
        }
        readyAt = now.plus(schedule.delay(failures));
        return null;
    }
}
