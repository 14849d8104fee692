package io.tocsin.push.webhook;

import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.Status;
import io.tocsin.push.CursorStore;
import io.tocsin.stream.StreamFilter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What the webhook APIs may do, and the rules: admins manage every subscription, integrators only their own (another
 * integrator's is "not found", not "forbidden": its existence is not theirs to know); targets pass the SSRF guard; a
 * new subscription starts at the log's head; its secret is shown once, at creation and at rotation. Blocks on the
 * database and on DNS: call off the event loop.
 */
public final class WebhookService {
    /** A rotated-out secret keeps signing beside the new one this long, so receivers can switch without a gap. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    public static final int MAX_HEARTBEAT_SECONDS = 86_400;
    public static final int MIN_HEARTBEAT_SECONDS = 10;

    private final WebhookStore store;
    private final CursorStore cursors;
    private final WebhookEngine engine;
    private final TargetGuard guard;
    private final RegionTree tree;
    private final LongSupplier logHead;
    private final Clock clock;

    public WebhookService(WebhookStore store, CursorStore cursors, WebhookEngine engine, TargetGuard guard,
                          RegionTree tree, LongSupplier logHead, Clock clock) {
        this.store = store;
        this.cursors = cursors;
        this.engine = engine;
        this.guard = guard;
        this.tree = tree;
        this.logHead = logHead;
        this.clock = clock;
    }

    /** What a create or a change asks for; null fields are "not given". */
    public record Spec(String url, List<String> regions, Set<String> threats, Set<Status> statuses, String format,
                       Integer heartbeatSeconds, Boolean enabled, boolean rotateSecret) {
    }

    /** A subscription, with its secret when it was just made or rotated (else null). */
    public record Shown(Webhook hook, String newSecret) {
    }

    public Shown create(Actor actor, Spec spec, Webhook.Kind kind) {
        requireManager(actor);
        if (spec.url() == null) {
            throw new DomainException(Problem.INVALID_FIELD, "url is required");
        }
        checkTarget(spec.url());
        Instant now = clock.instant();
        String secret = Signatures.newSecret();
        Webhook w = new Webhook("wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                actor.id(), kind, spec.url(), regions(spec.regions()), threats(spec.threats()),
                spec.statuses() == null || spec.statuses().isEmpty() ? Set.of(Status.ACTUAL) : spec.statuses(),
                format(spec.format(), kind), secret, null, null, heartbeat(spec.heartbeatSeconds()),
                spec.enabled() == null || spec.enabled(), null, now, now);
        long head = logHead.getAsLong();
        // The cursor first: a subscription is never without one, so a restart resumes it where it began.
        cursors.reset(w.consumer(), head);
        store.insert(w);
        engine.add(w, head);
        return new Shown(w, secret);
    }

    public List<Webhook> list(Actor actor) {
        requireManager(actor);
        return store.list(actor.role() == Role.ADMIN ? null : actor.id());
    }

    public Webhook get(Actor actor, String id) {
        requireManager(actor);
        return store.get(id).filter(w -> actor.role() == Role.ADMIN || w.owner().equals(actor.id()))
                .orElseThrow(() -> new DomainException(Problem.WEBHOOK_NOT_FOUND, "no webhook " + id));
    }

    public Shown change(Actor actor, String id, Spec spec) {
        Webhook w = get(actor, id);
        if (spec.url() != null) {
            checkTarget(spec.url());
        }
        Instant now = clock.instant();
        String secret = w.secret();
        String old = w.oldSecret();
        Instant oldUntil = w.oldSecretUntil();
        String shown = null;
        if (spec.rotateSecret()) {
            old = secret;
            oldUntil = now.plus(ROTATION_OVERLAP);
            secret = Signatures.newSecret();
            shown = secret;
        }
        boolean enabled = spec.enabled() == null ? w.enabled() : spec.enabled();
        Webhook changed = new Webhook(w.id(), w.owner(), w.kind(), spec.url() == null ? w.url() : spec.url(),
                spec.regions() == null ? w.regions() : regions(spec.regions()),
                spec.threats() == null ? w.threats() : threats(spec.threats()),
                spec.statuses() == null || spec.statuses().isEmpty() ? w.statuses() : spec.statuses(),
                spec.format() == null ? w.format() : format(spec.format(), w.kind()), secret, old, oldUntil,
                spec.heartbeatSeconds() == null ? w.heartbeatSeconds() : heartbeat(spec.heartbeatSeconds()),
                enabled, enabled ? null : spec.enabled() != null ? "disabled by its owner" : w.disabledReason(),
                w.createdAt(), now);
        store.update(changed);
        engine.update(changed);
        return new Shown(changed, shown);
    }

    public void delete(Actor actor, String id) {
        get(actor, id);
        store.delete(id);
        engine.remove(id);
    }

    public List<DeliveryRecord> deliveries(Actor actor, String id, long before, int limit) {
        get(actor, id);
        return store.deliveries(id, before, limit);
    }

    /** Sends a logged message again (same webhook-id, new timestamp and signature). */
    public void redeliver(Actor actor, String id, String messageId) {
        Webhook w = get(actor, id);
        WebhookStore.StoredMessage m = store.message(id, messageId).orElseThrow(() ->
                new DomainException(Problem.NOT_FOUND, "webhook " + id + " has no message " + messageId));
        engine.redeliver(w, m);
    }

    /** The one ukrainealarm webhook of this key, if any. */
    public java.util.Optional<Webhook> ukrainealarm(Actor actor) {
        return store.list(actor.id()).stream().filter(w -> w.kind() == Webhook.Kind.UKRAINEALARM).findFirst();
    }

    private void requireManager(Actor actor) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.INTEGRATOR) {
            throw new DomainException(Problem.FORBIDDEN, "webhooks are managed by admin and integrator tokens, this "
                    + "token is " + actor.role().wire());
        }
    }

    private void checkTarget(String url) {
        try {
            guard.resolve(TargetGuard.parse(url));
        } catch (TargetGuard.Refused refused) {
            throw new DomainException(Problem.WEBHOOK_TARGET_REFUSED, refused.getMessage());
        }
    }

    private List<String> regions(List<String> given) {
        return given == null ? List.of() : given.stream().map(r -> tree.require(r).code()).distinct().toList();
    }

    private static Set<String> threats(Set<String> given) {
        if (given == null) {
            return Set.of();
        }
        for (String t : given) {
            if (!StreamFilter.validThreat(t)) {
                throw new DomainException(Problem.UNKNOWN_THREAT, "unknown threat '" + t + "'");
            }
        }
        return given;
    }

    private String format(String given, Webhook.Kind kind) {
        String f = given == null ? (kind == Webhook.Kind.UKRAINEALARM ? "ukrainealarm" : "json") : given;
        if (!engine.supports(f)) {
            throw new DomainException(Problem.INVALID_FIELD, "unknown format '" + f + "'");
        }
        return f;
    }

    private static int heartbeat(Integer given) {
        if (given == null || given == 0) {
            return 0;
        }
        if (given < MIN_HEARTBEAT_SECONDS || given > MAX_HEARTBEAT_SECONDS) {
            throw new DomainException(Problem.INVALID_FIELD, "heartbeat_seconds must be 0 (none) or "
                    + MIN_HEARTBEAT_SECONDS + ".." + MAX_HEARTBEAT_SECONDS);
        }
        return given;
    }
}
