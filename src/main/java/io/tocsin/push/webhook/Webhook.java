package io.tocsin.push.webhook;

import io.tocsin.domain.Status;
import io.tocsin.stream.StreamFilter;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A webhook subscription: where to POST, which events (regions with the hierarchy rule, threats, statuses: the
 * stream filter's rules), in which format, signed with which secrets.
 *
 * @param owner            the token id that made it (an integrator sees only its own; an admin sees all)
 * @param kind             {@link Kind#STANDARD} ({@code /api/v1/webhooks}) or {@link Kind#UKRAINEALARM} (the
 *                         compatibility API's one webhook per key)
 * @param oldSecret        the secret before the last rotation, still signed with until {@code oldSecretUntil}
 * @param heartbeatSeconds 0 for none; else a heartbeat is sent after that long without a delivery
 * @param disabledReason   why it was disabled (by its owner, or after failing for the whole retry window)
 */
public record Webhook(String id, String owner, Kind kind, String url, List<String> regions, Set<String> threats,
                      Set<Status> statuses, String format, String secret, String oldSecret, Instant oldSecretUntil,
                      int heartbeatSeconds, boolean enabled, String disabledReason, Instant createdAt,
                      Instant updatedAt) {
    public enum Kind {
        STANDARD, UKRAINEALARM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Webhook {
        regions = List.copyOf(regions);
        threats = Set.copyOf(threats);
        statuses = Set.copyOf(statuses);
    }

    /** The events it wants, by the rules of the streams' filter. */
    public StreamFilter filter() {
        return new StreamFilter(regions, null, threats, statuses);
    }

    /** The secrets to sign with at {@code now}: the current one, and the previous one while it is still valid. */
    public List<String> secretsAt(Instant now) {
        return oldSecret != null && oldSecretUntil != null && now.isBefore(oldSecretUntil)
                ? List.of(secret, oldSecret) : List.of(secret);
    }

    /** The follower's cursor name in the push_cursors table. */
    public String consumer() {
        return consumer(id);
    }

    public static String consumer(String id) {
        return "webhook:" + id;
    }

    public Webhook disabled(String reason, Instant at) {
        return new Webhook(id, owner, kind, url, regions, threats, statuses, format, secret, oldSecret,
                oldSecretUntil, heartbeatSeconds, false, reason, createdAt, at);
    }
}
